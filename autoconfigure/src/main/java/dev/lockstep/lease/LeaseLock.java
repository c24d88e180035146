package dev.lockstep.lease;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.lockstep.Durations;
import dev.lockstep.lease.LeaseTable.Lease;
import dev.lockstep.lock.LockHolder;
import dev.lockstep.lock.LockName;
import dev.lockstep.lock.LockSession;
import dev.lockstep.lock.LockSessionSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A lease on a lock name, kept in {@code lockstep_lock} through a connection of its own,
 * so that the migration's connection and its transactions are left alone. While held, a
 * heartbeat thread pushes the expiry on every third of the lease; a holder that dies stops
 * renewing, and its lease is taken over once it expires. A holder whose lease expired
 * unrenewed, or was taken over, fails {@link #verifyHeld()} and so stops before its next
 * changeset.
 */
final class LeaseLock implements LockSession {

	private static final Log logger = LogFactory.getLog(LeaseLock.class);

	private static final String HOST = localHost();

	private final Connection leaseConnection;

	private final LockName name;

	private final Duration duration;

	private final Lease identity;

	private @Nullable ScheduledExecutorService heartbeat;

	private volatile long lastRenewed;

	private volatile @Nullable String lost;

	private boolean held;

	private LeaseLock(Connection leaseConnection, LockName name, LockSessionSettings settings, Duration duration)
			throws SQLException {
		this.leaseConnection = leaseConnection;
		this.name = name;
		this.duration = duration;
		this.identity = new Lease(UUID.randomUUID().toString(), settings.applicationName(), HOST, 0);
		leaseConnection.setAutoCommit(true);
		LeaseTable.ensureExists(leaseConnection);
	}

	/**
	 * Open a lease session on a connection of its own from the data source.
	 */
	static LeaseLock open(DataSource dataSource, LockName name, LockSessionSettings settings, Duration duration)
			throws SQLException {
		Connection connection = dataSource.getConnection();
		try {
			return new LeaseLock(connection, name, settings, duration);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	@Override
	public LockName name() {
		return this.name;
	}

	@Override
	public boolean tryAcquire() throws SQLException {
		if (this.held) {
			return true;
		}
		long now = System.currentTimeMillis();
		Lease mine = this.identity.renewedUntil(now + this.duration.toMillis());
		if (LeaseTable.insert(this.leaseConnection, this.name.value(), mine)) {
			return hold();
		}
		Lease current = LeaseTable.read(this.leaseConnection, this.name.value());
		if (current == null) {
			// Released between the two statements.
			return LeaseTable.insert(this.leaseConnection, this.name.value(), mine) && hold();
		}
		if (current.expired(now) && LeaseTable.replace(this.leaseConnection, this.name.value(), current, mine)) {
			logger.warn("Took over the expired lease of the " + this.name + " from " + describe(current)
					+ ", which stopped renewing it " + Durations.format(Duration.ofMillis(now - current.expiresAt()))
					+ " ago");
			return hold();
		}
		return false;
	}

	private boolean hold() {
		this.held = true;
		this.lost = null;
		this.lastRenewed = System.nanoTime();
		long interval = Math.max(1, this.duration.toMillis() / 3);
		this.heartbeat = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "lockstep-lease-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		this.heartbeat.scheduleWithFixedDelay(this::renew, interval, interval, TimeUnit.MILLISECONDS);
		return true;
	}

	private void renew() {
		if (this.lost != null) {
			return;
		}
		try {
			if (LeaseTable.renew(this.leaseConnection, this.name.value(), this.identity.owner(),
					System.currentTimeMillis() + this.duration.toMillis())) {
				this.lastRenewed = System.nanoTime();
				return;
			}
			Lease current = LeaseTable.read(this.leaseConnection, this.name.value());
			this.lost = "its lease was taken over by " + ((current != null) ? describe(current) : "nobody (deleted)");
			logger.error("Lost the " + this.name + ": " + this.lost);
		}
		catch (SQLException ex) {
			// Tried again at the next beat; the lease stays this session's until it expires.
			logger.warn("Could not renew the lease of the " + this.name + ": " + ex.getMessage());
		}
	}

	@Override
	public void verifyHeld() throws SQLException {
		String lostReason = this.lost;
		if (lostReason != null) {
			throw new SQLException(lostReason);
		}
		Duration unrenewed = Duration.ofNanos(System.nanoTime() - this.lastRenewed);
		if (unrenewed.compareTo(this.duration) >= 0) {
			throw new SQLException("its lease (" + Durations.format(this.duration) + ") was not renewed for "
					+ Durations.format(unrenewed) + " and may have been taken over");
		}
	}

	@Override
	public Optional<LockHolder> holder() throws SQLException {
		return holder(this.leaseConnection, this.name);
	}

	/**
	 * Return the owner of the lease on a name, changing nothing.
	 */
	static Optional<LockHolder> holder(Connection connection, LockName name) throws SQLException {
		Lease lease = LeaseTable.read(connection, name.value());
		return (lease != null) ? Optional.of(holder(lease)) : Optional.empty();
	}

	private static LockHolder holder(Lease lease) {
		return new LockHolder("lease " + lease.owner(), lease.applicationName(), lease.clientHost(),
				null);
	}

	private static String describe(Lease lease) {
		return holder(lease).describe();
	}

	@Override
	public void release() throws SQLException {
		stopHeartbeat();
		this.held = false;
		if (!LeaseTable.delete(this.leaseConnection, this.name.value(), this.identity.owner())) {
			logger.warn(this.name + " was not held by this session when it was released");
		}
	}

	private void stopHeartbeat() {
		ScheduledExecutorService beat = this.heartbeat;
		if (beat == null) {
			return;
		}
		this.heartbeat = null;
		beat.shutdownNow();
		try {
			beat.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			if (this.held) {
				release();
			}
		}
		finally {
			stopHeartbeat();
			this.leaseConnection.close();
		}
	}

	private static String localHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown host";
		}
	}

	@Override
	public String toString() {
		return this.name + " (lease in " + LeaseTable.TABLE + ")";
	}

}
