package dev.lockstep.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;

/**
 * Where an operation should take the database, in Alembic's terms: {@code head},
 * {@code base}, {@code +N}, {@code -N}, a tag or changeset (its id or
 * {@code path::id::author}), or a date-time.
 */
public sealed interface MigrationTarget {

	/**
	 * The most steps a relative target may take.
	 */
	int MAX_STEPS = 100_000;

	/**
	 * Parse a target.
	 * @param text the target as a person writes it
	 * @return the target
	 * @throws OperationRefusedException if the text is no target
	 */
	static MigrationTarget parse(String text) {
		String target = (text != null) ? text.strip() : "";
		if (target.isEmpty()) {
			throw new OperationRefusedException(Reason.MALFORMED_TARGET,
					"No target given: use head, base, +N, -N, a tag, a changeset or a date-time");
		}
		if (target.equalsIgnoreCase("head")) {
			return new Head();
		}
		if (target.equalsIgnoreCase("base")) {
			return new Base();
		}
		if (target.startsWith("+") || target.startsWith("-")) {
			return Relative.parse(target);
		}
		if (Character.isDigit(target.charAt(0)) && target.contains("-") && target.length() >= 10) {
			Instant pointInTime = PointInTime.parseInstant(target);
			if (pointInTime != null) {
				return new PointInTime(pointInTime);
			}
		}
		return new Named(target);
	}

	/**
	 * The last changeset of the changelog.
	 */
	record Head() implements MigrationTarget {

		@Override
		public String toString() {
			return "head";
		}

	}

	/**
	 * Before the first changeset.
	 */
	record Base() implements MigrationTarget {

		@Override
		public String toString() {
			return "base";
		}

	}

	/**
	 * A number of changesets up (positive) or down (negative) from the current revision.
	 *
	 * @param steps the number of changesets, never zero
	 */
	record Relative(int steps) implements MigrationTarget {

		private static final Pattern FORM = Pattern.compile("([+-])(\\d{1,9})");

		static Relative parse(String text) {
			Matcher matcher = FORM.matcher(text);
			if (!matcher.matches()) {
				throw new OperationRefusedException(Reason.MALFORMED_TARGET,
						"'" + text + "' is not a relative target: use +N or -N with N from 1 to " + MAX_STEPS);
			}
			int steps = Integer.parseInt(matcher.group(2));
			if (steps < 1 || steps > MAX_STEPS) {
				throw new OperationRefusedException(Reason.OUT_OF_RANGE,
						"'" + text + "' is out of range: N must be from 1 to " + MAX_STEPS);
			}
			return new Relative(matcher.group(1).equals("+") ? steps : -steps);
		}

		@Override
		public String toString() {
			return ((this.steps > 0) ? "+" : "") + this.steps;
		}

	}

	/**
	 * A tag or a changeset, by its id or its full name {@code path::id::author}.
	 *
	 * @param name the name
	 */
	record Named(String name) implements MigrationTarget {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * A moment: a downgrade rolls back everything applied after it.
	 *
	 * @param instant the moment
	 */
	record PointInTime(Instant instant) implements MigrationTarget {

		static Instant parseInstant(String text) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				// Not with an offset: try a local date-time, then a date.
			}
			try {
				return LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant();
			}
			catch (DateTimeParseException ex) {
				// Not a local date-time either.
			}
			try {
				return LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return this.instant.toString();
		}

	}

}
