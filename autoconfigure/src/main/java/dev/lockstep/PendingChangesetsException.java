package dev.lockstep;

import java.util.List;

/**
 * Thrown in {@code validate} mode when the schema is not up to date: changesets are
 * pending that should have been applied before this instance started (by an init
 * container or a Job in {@code migrate-only} mode).
 */
public final class PendingChangesetsException extends LockstepException {

	private final List<String> pending;

	public PendingChangesetsException(List<String> pending) {
		super(EXIT_REFUSED, pending.size() + " changeset" + ((pending.size() == 1) ? " is" : "s are")
				+ " pending and lockstep.mode is validate, which never changes the schema: " + String.join(", ", pending));
		this.pending = List.copyOf(pending);
	}

	/**
	 * Return the pending changesets.
	 * @return their full names, in the order an upgrade would apply them
	 */
	public List<String> getPending() {
		return this.pending;
	}

	@Override
	public String getAction() {
		return "Apply the pending changesets first (an init container or Job running this application with "
				+ "lockstep.mode=migrate-only), or set lockstep.mode=migrate.";
	}

}
