package dev.lockstep;

import java.time.Duration;
import java.util.Locale;

/**
 * Formats durations for log lines and error messages.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Format a duration for people: {@code 850 ms}, {@code 1.250 s}, {@code 2 min 5 s}.
	 * @param duration the duration
	 * @return the formatted duration
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
		}
		return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
	}

}
