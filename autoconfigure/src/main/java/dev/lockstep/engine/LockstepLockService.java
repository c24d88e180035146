package dev.lockstep.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.lockstep.Durations;
import dev.lockstep.LockstepException;
import dev.lockstep.lock.LockWait;
import liquibase.Scope;
import liquibase.database.ObjectQuotingStrategy;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.executor.ExecutorService;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.StandardLockService;
import liquibase.statement.core.UpdateStatement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Liquibase's lock service, made safe under Lockstep's advisory lock. Lockstep marks the
 * {@code DATABASECHANGELOGLOCK} row it takes with the name of the advisory lock it holds.
 * While Lockstep holds that advisory lock on the connection Liquibase works on, a row
 * marked with the same name was left by a Lockstep process that died, is provably stale
 * and is reclaimed at once; any other row (another Liquibase client such as the CLI, or a
 * Lockstep application with another lock sharing the lock table) is waited for with a log
 * line naming it, up to Lockstep's wait timeout. On connections without Lockstep's
 * advisory lock it behaves exactly like Liquibase's own service.
 */
public class LockstepLockService extends StandardLockService {

	private static final String OWNER_PREFIX = "Lockstep ";

	private static final Log logger = LogFactory.getLog(LockstepLockService.class);

	private static final String HOST = hostDescription();

	@Override
	public int getPriority() {
		return super.getPriority() + 1;
	}

	@Override
	public boolean acquireLock() throws LockException {
		ChangelogLockGuard held = ChangelogLockGuard.find(this.database);
		if (held == null || hasChangeLogLock()) {
			return super.acquireLock();
		}
		if (super.acquireLock()) {
			markOwnedByLockstep(held);
			return true;
		}
		DatabaseChangeLogLock row = lockedRow();
		if (row == null || row.getLockedBy() == null || !row.getLockedBy().startsWith(ownerPrefix(held))) {
			return false;
		}
		// The row was written under the advisory lock we now hold, so its writer is gone.
		logger.info("Reclaiming " + lockTable() + " row left by a Lockstep process that no longer runs: "
				+ describe(row));
		forceRelease();
		if (super.acquireLock()) {
			markOwnedByLockstep(held);
			return true;
		}
		return false;
	}

	@Override
	public void waitForLock() throws LockException {
		ChangelogLockGuard guard = ChangelogLockGuard.find(this.database);
		if (guard == null) {
			super.waitForLock();
			return;
		}
		LockWait wait = new LockWait("Liquibase's changelog lock in " + lockTable(), guard.policy(),
				guard.cancellation());
		try {
			while (!acquireLock()) {
				DatabaseChangeLogLock row = lockedRow();
				String holder = (row != null) ? describe(row) : "a client that released it meanwhile";
				if (wait.reportDue()) {
					logger.info("Waiting for Liquibase's changelog lock in " + lockTable() + ", held by " + holder
							+ ", another Liquibase client (waited " + Durations.format(wait.waited()) + ")");
				}
				wait.pause(() -> holder, LockWait::sleep);
			}
		}
		catch (LockstepException ex) {
			throw new LockException(ex);
		}
	}

	private @Nullable DatabaseChangeLogLock lockedRow() throws LockException {
		DatabaseChangeLogLock[] rows = listLocks();
		return (rows.length > 0) ? rows[0] : null;
	}

	private void forceRelease() throws LockException {
		try {
			forceReleaseLock();
		}
		catch (DatabaseException ex) {
			throw new LockException(ex);
		}
	}

	private void markOwnedByLockstep(ChangelogLockGuard held) throws LockException {
		ObjectQuotingStrategy quoting = this.database.getObjectQuotingStrategy();
		this.database.setObjectQuotingStrategy(ObjectQuotingStrategy.LEGACY);
		try {
			String catalog = this.database.getLiquibaseCatalogName();
			String schema = this.database.getLiquibaseSchemaName();
			String table = this.database.getDatabaseChangeLogLockTableName();
			UpdateStatement update = new UpdateStatement(catalog, schema, table).addNewColumnValue("LOCKEDBY", ownerPrefix(held) + HOST)
				.setWhereClause(this.database.escapeColumnName(catalog, schema, table, "ID") + " = 1");
			Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", this.database).update(update);
			this.database.commit();
		}
		catch (DatabaseException ex) {
			throw new LockException(ex);
		}
		finally {
			this.database.setObjectQuotingStrategy(quoting);
		}
	}

	private String lockTable() {
		String schema = this.database.getLiquibaseSchemaName();
		String table = this.database.getDatabaseChangeLogLockTableName();
		return (schema != null) ? schema + "." + table : table;
	}

	/**
	 * How {@code LOCKEDBY} starts for rows written under the given advisory lock.
	 */
	private static String ownerPrefix(ChangelogLockGuard held) {
		return OWNER_PREFIX + held.lockName().value() + " ";
	}

	private static String describe(DatabaseChangeLogLock row) {
		return "'" + row.getLockedBy() + "'"
				+ ((row.getLockGranted() != null) ? " since " + row.getLockGranted().toInstant() : "");
	}

	private static String hostDescription() {
		String pid = "pid " + ProcessHandle.current().pid();
		try {
			InetAddress local = InetAddress.getLocalHost();
			return local.getHostName() + " " + pid + " (" + local.getHostAddress() + ")";
		}
		catch (UnknownHostException ex) {
			return pid;
		}
	}

}
