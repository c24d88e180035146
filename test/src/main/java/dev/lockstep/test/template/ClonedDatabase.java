package dev.lockstep.test.template;

/**
 * A fresh database, copied from a template database.
 *
 * @param name the database's name
 * @param jdbcUrl its JDBC URL
 * @param username the user to connect as
 * @param password the password (may be empty)
 * @param template the template it was copied from
 * @param templateBuilt whether this call built the template (the first for its
 * changelog and settings), or found it built
 */
public record ClonedDatabase(String name, String jdbcUrl, String username, String password, String template,
		boolean templateBuilt) {

}
