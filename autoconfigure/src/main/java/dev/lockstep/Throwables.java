package dev.lockstep;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Finds the part of an exception chain that explains a failure to a person.
 */
public final class Throwables {

	private Throwables() {
	}

	/**
	 * Return the message of the deepest {@link SQLException} in the chain (the database's
	 * own words), else of the deepest cause that has a message.
	 * @param throwable the failure
	 * @return the message
	 */
	public static String rootMessage(Throwable throwable) {
		String sqlMessage = null;
		String message = null;
		for (Throwable candidate = throwable; candidate != null; candidate = nextCause(candidate)) {
			if (candidate instanceof SQLException && candidate.getMessage() != null) {
				sqlMessage = candidate.getMessage();
			}
			if (candidate.getMessage() != null) {
				message = candidate.getMessage();
			}
		}
		String result = (sqlMessage != null) ? sqlMessage : message;
		return (result != null) ? result.strip() : throwable.getClass().getName();
	}

	/**
	 * Return the first exception of the given type in the chain.
	 * @param <T> the type
	 * @param throwable the failure
	 * @param type the type to find
	 * @return the exception, or {@code null}
	 */
	public static <T extends Throwable> @Nullable T find(Throwable throwable, Class<T> type) {
		for (Throwable candidate = throwable; candidate != null; candidate = nextCause(candidate)) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		return null;
	}

	private static @Nullable Throwable nextCause(Throwable throwable) {
		Throwable cause = throwable.getCause();
		return (cause != throwable) ? cause : null;
	}

}
