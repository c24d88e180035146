package dev.lockstep.revision;

import liquibase.changelog.ChangeSet;
import liquibase.database.ObjectQuotingStrategy;

/**
 * A changeset of a generated revision: one change, with its id and author.
 *
 * @param id the changeset's id
 * @param author its author
 * @param change its change
 */
record GeneratedChangeSet(String id, String author, SchemaChange change) {

	/**
	 * Return it as a Liquibase changeset, with the warning as its comment. Its rollback is
	 * the one Liquibase derives from the change, where it can.
	 */
	ChangeSet toChangeSet() {
		ChangeSet changeSet = new ChangeSet(this.id, this.author, false, false, null, null, null,
				(ObjectQuotingStrategy) null, null);
		changeSet.setComments(this.change.warning());
		changeSet.addChange(this.change.change());
		return changeSet;
	}

}
