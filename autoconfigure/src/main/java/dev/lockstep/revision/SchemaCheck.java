package dev.lockstep.revision;

import java.util.List;

/**
 * What {@code check} found.
 *
 * @param reference what the database was compared with
 * @param differences each difference, as the change that would remove it
 */
public record SchemaCheck(String reference, List<String> differences) {

	public SchemaCheck {
		differences = List.copyOf(differences);
	}

	/**
	 * Return whether the database at head matches the reference.
	 * @return whether there is no difference
	 */
	public boolean upToDate() {
		return this.differences.isEmpty();
	}

}
