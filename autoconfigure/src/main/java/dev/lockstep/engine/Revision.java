package dev.lockstep.engine;

/**
 * A revision: one changeset, named the way Liquibase names it.
 *
 * @param changeLog the path of the changelog file that defines it
 * @param id the changeset's id
 * @param author the changeset's author
 */
public record Revision(String changeLog, String id, String author) {

	/**
	 * Return the unique name of the changeset.
	 * @return {@code path::id::author}
	 */
	public String fullName() {
		return this.changeLog + "::" + this.id + "::" + this.author;
	}

	@Override
	public String toString() {
		return fullName();
	}

}
