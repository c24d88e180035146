package dev.lockstep.lock;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A lock provider over an in-memory store, and the connections to it: the protocol's
 * behaviour without a database. A connection's session ends when it is closed, aborted
 * or {@linkplain #terminate(Connection) terminated}, and its holds go with it.
 */
final class InMemoryLockProvider implements MigrationLockProvider {

	private final Map<LockName, Holds> locks = new HashMap<>();

	private final Map<Connection, SessionState> sessions = new HashMap<>();

	private int nextSessionId = 1;

	/**
	 * Open a connection to the store, a session of its own.
	 */
	synchronized Connection connect() {
		SessionState state = new SessionState(String.valueOf(this.nextSessionId++), Instant.now());
		Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
					case "close", "abort" -> {
						end((Connection) proxy);
						yield null;
					}
					case "isClosed" -> state.ended;
					case "isValid" -> !state.ended;
					case "getAutoCommit" -> true;
					case "isWrapperFor" -> false;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> "in-memory session " + state.id;
					default -> throw new UnsupportedOperationException(method.getName());
				});
		this.sessions.put(connection, state);
		return connection;
	}

	/**
	 * End a connection's session as the server would, leaving the connection open.
	 */
	synchronized void terminate(Connection connection) {
		end(connection);
	}

	private synchronized void end(Connection connection) {
		SessionState state = this.sessions.get(connection);
		state.ended = true;
		for (Holds holds : this.locks.values()) {
			holds.shared.remove(connection);
			if (holds.exclusive == connection) {
				holds.exclusive = null;
			}
		}
		notifyAll();
	}

	@Override
	public boolean supports(Connection connection) {
		return this.sessions.containsKey(connection);
	}

	@Override
	public LockSession open(Connection connection, LockName name, LockSessionSettings settings) {
		synchronized (this) {
			this.sessions.get(connection).applicationName = settings.applicationName();
		}
		return new Session(connection, name);
	}

	@Override
	public synchronized Optional<LockHolder> holder(Connection connection, LockName name) {
		Holds holds = this.locks.get(name);
		Connection holder = (holds != null) ? holds.exclusive : null;
		if (holder == null && holds != null && !holds.shared.isEmpty()) {
			holder = holds.shared.iterator().next();
		}
		if (holder == null) {
			return Optional.empty();
		}
		SessionState state = this.sessions.get(holder);
		return Optional.of(new LockHolder(state.id, state.applicationName, null, state.connectedSince));
	}

	@Override
	public String description() {
		return "in-memory lock";
	}

	private synchronized Holds holds(LockName name) {
		return this.locks.computeIfAbsent(name, (key) -> new Holds());
	}

	private static final class Holds {

		private @Nullable Connection exclusive;

		private final Set<Connection> shared = new HashSet<>();

	}

	private static final class SessionState {

		private final String id;

		private final Instant connectedSince;

		private @Nullable String applicationName;

		private boolean ended;

		SessionState(String id, Instant connectedSince) {
			this.id = id;
			this.connectedSince = connectedSince;
		}

	}

	private final class Session implements LockSession {

		private final Connection connection;

		private final LockName name;

		Session(Connection connection, LockName name) {
			this.connection = connection;
			this.name = name;
		}

		@Override
		public LockName name() {
			return this.name;
		}

		@Override
		public boolean tryAcquire() throws SQLException {
			synchronized (InMemoryLockProvider.this) {
				checkAlive();
				Holds holds = holds(this.name);
				if (holds.exclusive == null && (holds.shared.isEmpty() || Set.of(this.connection).equals(holds.shared))) {
					holds.exclusive = this.connection;
				}
				return holds.exclusive == this.connection;
			}
		}

		@Override
		public boolean supportsShared() {
			return true;
		}

		@Override
		public boolean tryAcquireShared() throws SQLException {
			synchronized (InMemoryLockProvider.this) {
				checkAlive();
				Holds holds = holds(this.name);
				return holds.exclusive == null && holds.shared.add(this.connection) || holds.shared.contains(this.connection);
			}
		}

		@Override
		public void awaitRelease(Duration timeout) throws SQLException {
			synchronized (InMemoryLockProvider.this) {
				checkAlive();
				try {
					InMemoryLockProvider.this.wait(Math.max(1, timeout.toMillis()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public Optional<LockHolder> holder() {
			return InMemoryLockProvider.this.holder(this.connection, this.name);
		}

		@Override
		public void release() throws SQLException {
			synchronized (InMemoryLockProvider.this) {
				checkAlive();
				Holds holds = holds(this.name);
				if (holds.exclusive == this.connection) {
					holds.exclusive = null;
				}
				InMemoryLockProvider.this.notifyAll();
			}
		}

		@Override
		public void releaseShared() throws SQLException {
			synchronized (InMemoryLockProvider.this) {
				checkAlive();
				holds(this.name).shared.remove(this.connection);
				InMemoryLockProvider.this.notifyAll();
			}
		}

		@Override
		public void close() throws SQLException {
			synchronized (InMemoryLockProvider.this) {
				if (InMemoryLockProvider.this.sessions.get(this.connection).ended) {
					return;
				}
				Holds holds = holds(this.name);
				holds.shared.remove(this.connection);
				if (holds.exclusive == this.connection) {
					holds.exclusive = null;
				}
				InMemoryLockProvider.this.notifyAll();
			}
		}

		private void checkAlive() throws SQLException {
			if (InMemoryLockProvider.this.sessions.get(this.connection).ended) {
				throw new SQLException("The session of " + this.connection + " has ended");
			}
		}

	}

}
