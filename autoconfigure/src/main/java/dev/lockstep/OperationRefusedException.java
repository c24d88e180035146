package dev.lockstep;

import java.util.List;

/**
 * Thrown when an operation is refused before it touches anything: the target is wrong for
 * it, or running it would be unsafe. Nothing was changed.
 */
public final class OperationRefusedException extends LockstepException {

	private final Reason reason;

	private final List<String> candidates;

	public OperationRefusedException(Reason reason, String message) {
		this(reason, message, List.of());
	}

	public OperationRefusedException(Reason reason, String message, List<String> candidates) {
		super(EXIT_REFUSED, message);
		this.reason = reason;
		this.candidates = List.copyOf(candidates);
	}

	/**
	 * Return why the operation was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Return the revisions an ambiguous target could mean.
	 * @return the candidates' full names, empty unless the target was ambiguous
	 */
	public List<String> getCandidates() {
		return this.candidates;
	}

	/**
	 * Why an operation was refused.
	 */
	public enum Reason {

		/**
		 * No such operation or command.
		 */
		UNKNOWN_OPERATION,

		/**
		 * No migration of the application has the name given.
		 */
		UNKNOWN_MIGRATION,

		/**
		 * The application has several migrations and none was named.
		 */
		MISSING_MIGRATION,

		/**
		 * The operation needs a target and none was given.
		 */
		MISSING_TARGET,

		/**
		 * The target is not of any form Lockstep understands.
		 */
		MALFORMED_TARGET,

		/**
		 * No changeset or tag has the target's name.
		 */
		UNKNOWN_TARGET,

		/**
		 * The target names more than one changeset.
		 */
		AMBIGUOUS_TARGET,

		/**
		 * The target lies the other way (an upgrade to an applied revision, a downgrade to
		 * a pending one).
		 */
		WRONG_DIRECTION,

		/**
		 * A relative target moves further than there are changesets.
		 */
		OUT_OF_RANGE,

		/**
		 * The target's form does not apply to the operation, or the changeset is not
		 * selected by the active contexts and labels.
		 */
		NOT_APPLICABLE,

		/**
		 * A changeset in a downgrade range cannot be rolled back.
		 */
		NO_ROLLBACK,

		/**
		 * The changelog fails validation.
		 */
		INVALID_CHANGELOG,

		/**
		 * A page of the history was asked for with a negative limit or offset, or an
		 * unknown order.
		 */
		INVALID_PAGE

	}

	@Override
	public String getAction() {
		return "Nothing was changed. Correct the command or target named above and run it again.";
	}

}
