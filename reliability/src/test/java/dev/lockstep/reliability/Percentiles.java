package dev.lockstep.reliability;

import java.time.Duration;
import java.util.List;

/**
 * Median, 99th percentile and maximum of measured durations, for the report.
 *
 * @param count how many
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param max the longest
 */
record Percentiles(int count, Duration p50, Duration p99, Duration max) {

	static Percentiles of(List<Duration> durations) {
		List<Duration> sorted = durations.stream().sorted().toList();
		if (sorted.isEmpty()) {
			return new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
		}
		return new Percentiles(sorted.size(), at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1));
	}

	private static Duration at(List<Duration> sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	@Override
	public String toString() {
		return "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms".formatted(this.count, this.p50.toNanos() / 1e6,
				this.p99.toNanos() / 1e6, this.max.toNanos() / 1e6);
	}

}
