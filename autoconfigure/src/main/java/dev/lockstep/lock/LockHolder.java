package dev.lockstep.lock;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The database session that holds a migration lock, as the database reports it.
 *
 * @param sessionId the server's identifier of the session (a backend pid or thread id)
 * @param applicationName the client's application name, if it set one
 * @param clientAddress the client's address, or {@code null} for a local socket
 * @param connectedSince when the session connected, if known
 * @param activity what the session is doing and since when, where the database tells
 * that rather than when it connected (MariaDB and MySQL: "idle since …", "in a
 * statement since …"), if known
 */
public record LockHolder(String sessionId, @Nullable String applicationName, @Nullable String clientAddress,
		@Nullable Instant connectedSince, @Nullable String activity) {

	/**
	 * Create a new instance for a holder whose activity is not known.
	 * @param sessionId the server's identifier of the session
	 * @param applicationName the client's application name, if it set one
	 * @param clientAddress the client's address, or {@code null} for a local socket
	 * @param connectedSince when the session connected, if known
	 */
	public LockHolder(String sessionId, @Nullable String applicationName, @Nullable String clientAddress,
			@Nullable Instant connectedSince) {
		this(sessionId, applicationName, clientAddress, connectedSince, null);
	}

	/**
	 * Describe the holder for log lines and error messages.
	 * @return the description
	 */
	public String describe() {
		StringBuilder description = new StringBuilder();
		description.append((this.applicationName != null && !this.applicationName.isBlank())
				? "'" + this.applicationName + "'" : "an unnamed client");
		description.append(" at ").append((this.clientAddress != null) ? this.clientAddress : "a local socket");
		description.append(" (session ").append(this.sessionId);
		if (this.connectedSince != null) {
			description.append(", connected since ").append(this.connectedSince);
		}
		if (this.activity != null) {
			description.append(", ").append(this.activity);
		}
		return description.append(')').toString();
	}

}
