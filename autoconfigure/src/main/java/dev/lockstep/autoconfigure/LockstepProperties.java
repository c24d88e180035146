package dev.lockstep.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.lockstep.lint.LintOnStartup;
import dev.lockstep.startup.LockstepMode;
import dev.lockstep.startup.OnPending;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Configuration properties for Lockstep. The migrations themselves are configured with
 * Spring Boot's own {@code spring.liquibase.*} properties.
 */
@ConfigurationProperties("lockstep")
public class LockstepProperties {

	/**
	 * Whether to run Liquibase under Lockstep's migration lock. When false, Spring Boot's
	 * own Liquibase support runs instead.
	 */
	private boolean enabled = true;

	/**
	 * What to do with the schema at startup: migrate (upgrade to head, then start),
	 * validate (never change it; fail if changesets are pending), migrate-only (upgrade to
	 * head and exit, for init containers and Jobs) or off.
	 */
	private LockstepMode mode = LockstepMode.MIGRATE;

	/**
	 * Run one operation and exit, instead of starting the application: current, history,
	 * upgrade, downgrade, stamp, sql, validate, release-locks, check, revision or help.
	 */
	private @Nullable String command;

	/**
	 * Target of the command: head, base, +N, -N, a tag, a changeset (id or
	 * path::id::author) or a date-time.
	 */
	private @Nullable String target;

	/**
	 * Output of the command: text or json.
	 */
	private CommandOutput output = CommandOutput.TEXT;

	/**
	 * Whether upgrade, downgrade and stamp commands only print the SQL they would run.
	 */
	private boolean dryRun;

	/**
	 * Migration a command works on, by name: "default" (the one of spring.liquibase.*) or a
	 * name under lockstep.migrations. Needed when there are several.
	 */
	private @Nullable String migration;

	/**
	 * Further migrations, besides the one of spring.liquibase.*, by name: each over a
	 * DataSource bean of its own, with its own changelog, lock and stored state.
	 */
	private final Map<String, Migration> migrations = new LinkedHashMap<>();

	/**
	 * What the revision command's changes do, such as "add isbn to book": names the file
	 * it writes.
	 */
	private @Nullable String message;

	private final Lock lock = new Lock();

	private final Revision revision = new Revision();

	private final History history = new History();

	private final Validate validate = new Validate();

	private final FastPath fastPath = new FastPath();

	private final Endpoint endpoint = new Endpoint();

	private final Lint lint = new Lint();

	private final Ddl ddl = new Ddl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public LockstepMode getMode() {
		return this.mode;
	}

	public void setMode(LockstepMode mode) {
		this.mode = mode;
	}

	public @Nullable String getCommand() {
		return this.command;
	}

	public void setCommand(@Nullable String command) {
		this.command = command;
	}

	public @Nullable String getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable String target) {
		this.target = target;
	}

	public CommandOutput getOutput() {
		return this.output;
	}

	public void setOutput(CommandOutput output) {
		this.output = output;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public @Nullable String getMigration() {
		return this.migration;
	}

	public void setMigration(@Nullable String migration) {
		this.migration = migration;
	}

	public Map<String, Migration> getMigrations() {
		return this.migrations;
	}

	public History getHistory() {
		return this.history;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Validate getValidate() {
		return this.validate;
	}

	public FastPath getFastPath() {
		return this.fastPath;
	}

	public Lint getLint() {
		return this.lint;
	}

	public Ddl getDdl() {
		return this.ddl;
	}

	/**
	 * Settings of the lint of what a migration will run.
	 */
	public static class Lint {

		/**
		 * What the startup run does with the lint of its pending changesets: off, warn (log
		 * each finding, then migrate) or fail (fail the start before anything is applied).
		 */
		private LintOnStartup onStartup = LintOnStartup.WARN;

		/**
		 * Ids of the lint rules not to check.
		 */
		private Set<String> skip = new LinkedHashSet<>();

		public LintOnStartup getOnStartup() {
			return this.onStartup;
		}

		public void setOnStartup(LintOnStartup onStartup) {
			this.onStartup = onStartup;
		}

		public Set<String> getSkip() {
			return this.skip;
		}

		public void setSkip(Set<String> skip) {
			this.skip = skip;
		}

	}

	/**
	 * Settings of the DDL statements a migration runs.
	 */
	public static class Ddl {

		/**
		 * Longest time a statement of a migration waits for a table lock before it gives up
		 * (PostgreSQL's lock_timeout for the migration session; a shorter one already set
		 * stays). 0 leaves the server's setting alone.
		 */
		private Duration lockTimeout = Duration.ofSeconds(5);

		/**
		 * How many times a changeset that gave up waiting for a table lock is run again,
		 * when nothing of it ran outside a transaction.
		 */
		private int lockRetries = 3;

		/**
		 * Pause before the first retry of a changeset that gave up waiting for a table lock;
		 * each further retry waits twice as long as the one before.
		 */
		private Duration lockRetryPause = Duration.ofSeconds(1);

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public int getLockRetries() {
			return this.lockRetries;
		}

		public void setLockRetries(int lockRetries) {
			this.lockRetries = lockRetries;
		}

		public Duration getLockRetryPause() {
			return this.lockRetryPause;
		}

		public void setLockRetryPause(Duration lockRetryPause) {
			this.lockRetryPause = lockRetryPause;
		}

	}

	/**
	 * A further migration: a DataSource bean, the changelog migrated into it, and the
	 * settings that spring.liquibase.* has for the default one.
	 */
	public static class Migration {

		/**
		 * Name of the DataSource bean to migrate.
		 */
		private @Nullable String dataSource;

		/**
		 * Changelog configuration path.
		 */
		private @Nullable String changeLog;

		/**
		 * Runtime contexts to use.
		 */
		private List<String> contexts = new ArrayList<>();

		/**
		 * Runtime labels to use.
		 */
		private List<String> labelFilter = new ArrayList<>();

		/**
		 * Changelog parameters.
		 */
		private Map<String, String> parameters = new LinkedHashMap<>();

		/**
		 * Default database schema.
		 */
		private @Nullable String defaultSchema;

		/**
		 * Schema to use for Liquibase objects.
		 */
		private @Nullable String liquibaseSchema;

		/**
		 * Name of table to use for tracking change history.
		 */
		private @Nullable String databaseChangeLogTable;

		/**
		 * Name of table to use for tracking concurrent Liquibase usage.
		 */
		private @Nullable String databaseChangeLogLockTable;

		/**
		 * Name of the migration lock. By default lockstep:<schema>.<changelog table> of
		 * this migration's database.
		 */
		private @Nullable String lockName;

		public @Nullable String getDataSource() {
			return this.dataSource;
		}

		public void setDataSource(@Nullable String dataSource) {
			this.dataSource = dataSource;
		}

		public @Nullable String getChangeLog() {
			return this.changeLog;
		}

		public void setChangeLog(@Nullable String changeLog) {
			this.changeLog = changeLog;
		}

		public List<String> getContexts() {
			return this.contexts;
		}

		public void setContexts(List<String> contexts) {
			this.contexts = contexts;
		}

		public List<String> getLabelFilter() {
			return this.labelFilter;
		}

		public void setLabelFilter(List<String> labelFilter) {
			this.labelFilter = labelFilter;
		}

		public Map<String, String> getParameters() {
			return this.parameters;
		}

		public void setParameters(Map<String, String> parameters) {
			this.parameters = parameters;
		}

		public @Nullable String getDefaultSchema() {
			return this.defaultSchema;
		}

		public void setDefaultSchema(@Nullable String defaultSchema) {
			this.defaultSchema = defaultSchema;
		}

		public @Nullable String getLiquibaseSchema() {
			return this.liquibaseSchema;
		}

		public void setLiquibaseSchema(@Nullable String liquibaseSchema) {
			this.liquibaseSchema = liquibaseSchema;
		}

		public @Nullable String getDatabaseChangeLogTable() {
			return this.databaseChangeLogTable;
		}

		public void setDatabaseChangeLogTable(@Nullable String databaseChangeLogTable) {
			this.databaseChangeLogTable = databaseChangeLogTable;
		}

		public @Nullable String getDatabaseChangeLogLockTable() {
			return this.databaseChangeLogLockTable;
		}

		public void setDatabaseChangeLogLockTable(@Nullable String databaseChangeLogLockTable) {
			this.databaseChangeLogLockTable = databaseChangeLogLockTable;
		}

		public @Nullable String getLockName() {
			return this.lockName;
		}

		public void setLockName(@Nullable String lockName) {
			this.lockName = lockName;
		}

	}

	/**
	 * Settings of the startup fast path.
	 */
	public static class FastPath {

		/**
		 * Whether a start with nothing pending may skip Liquibase: one query compares the
		 * changelog's resources and settings, and the changelog table, with their state
		 * after the last complete run (PostgreSQL).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The output of a command.
	 */
	public enum CommandOutput {

		/**
		 * Lines for people, as Alembic prints them.
		 */
		TEXT,

		/**
		 * JSON of the same shape as the migrations endpoint's.
		 */
		JSON

	}

	/**
	 * Settings of the validate mode.
	 */
	public static class Validate {

		/**
		 * What validate mode does when changesets are pending: fail the start, or report
		 * them (start, with the migrations health indicator DOWN).
		 */
		private OnPending onPending = OnPending.FAIL;

		public OnPending getOnPending() {
			return this.onPending;
		}

		public void setOnPending(OnPending onPending) {
			this.onPending = onPending;
		}

	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public @Nullable String getMessage() {
		return this.message;
	}

	public void setMessage(@Nullable String message) {
		this.message = message;
	}

	public Revision getRevision() {
		return this.revision;
	}

	/**
	 * Settings of the revision and check commands.
	 */
	public static class Revision {

		/**
		 * Author of the changesets that revision writes. By default the author of the
		 * changelog's newest changeset.
		 */
		private @Nullable String author;

		/**
		 * JDBC URL (with its credentials) of a database to compare with instead of building
		 * the JPA model in a scratch schema of the application's database: the model is
		 * built in a scratch schema there, or, without JPA, its default schema is compared
		 * as it is.
		 */
		private @Nullable String referenceUrl;

		/**
		 * Folder that a classpath changelog is read from in the sources, where revision
		 * writes its file and updates the master changelog.
		 */
		private String sourceDirectory = "src/main/resources";

		public @Nullable String getAuthor() {
			return this.author;
		}

		public void setAuthor(@Nullable String author) {
			this.author = author;
		}

		public @Nullable String getReferenceUrl() {
			return this.referenceUrl;
		}

		public void setReferenceUrl(@Nullable String referenceUrl) {
			this.referenceUrl = referenceUrl;
		}

		public String getSourceDirectory() {
			return this.sourceDirectory;
		}

		public void setSourceDirectory(String sourceDirectory) {
			this.sourceDirectory = sourceDirectory;
		}

	}

	/**
	 * Settings of the {@code migrations} actuator endpoint.
	 */
	public static class Endpoint {

		/**
		 * Longest time a write operation waits for a migration lock held elsewhere before
		 * it answers 409 Conflict naming the holder.
		 */
		private Duration lockWaitTimeout = Duration.ofSeconds(5);

		public Duration getLockWaitTimeout() {
			return this.lockWaitTimeout;
		}

		public void setLockWaitTimeout(Duration lockWaitTimeout) {
			this.lockWaitTimeout = lockWaitTimeout;
		}

	}

	/**
	 * Which page of the history the history command shows.
	 */
	public static class History {

		/**
		 * Most changesets the history command shows; all when not set.
		 */
		private @Nullable Integer limit;

		/**
		 * How many changesets the history command skips before the first it shows.
		 */
		private int offset;

		/**
		 * Order of the history command: newest-first (the changelog's last changeset
		 * first) or oldest-first (changelog order).
		 */
		private String order = "newest-first";

		public @Nullable Integer getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable Integer limit) {
			this.limit = limit;
		}

		public int getOffset() {
			return this.offset;
		}

		public void setOffset(int offset) {
			this.offset = offset;
		}

		public String getOrder() {
			return this.order;
		}

		public void setOrder(String order) {
			this.order = order;
		}

	}

	/**
	 * Settings of the migration lock.
	 */
	public static class Lock {

		/**
		 * Longest time a start waits for a migration lock that another instance holds,
		 * and for Liquibase's changelog lock held by another Liquibase client.
		 */
		private Duration waitTimeout = Duration.ofMinutes(10);

		/**
		 * Longest pause between attempts to take the lock when the holder sends no release
		 * signal (a holder that died sends none). A clean release is seen at once.
		 */
		private Duration pollInterval = Duration.ofMillis(250);

		/**
		 * How often a waiting instance logs who holds the lock.
		 */
		private Duration progressInterval = Duration.ofSeconds(10);

		/**
		 * Name of the lock. By default it is derived from the schema and name of the
		 * changelog table, so replicas of one application share it and applications with
		 * their own changelog tables do not block each other.
		 */
		private @Nullable String name;

		private final Postgresql postgresql = new Postgresql();

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getProgressInterval() {
			return this.progressInterval;
		}

		public void setProgressInterval(Duration progressInterval) {
			this.progressInterval = progressInterval;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public Postgresql getPostgresql() {
			return this.postgresql;
		}

		/**
		 * Kind of lock to take: 'advisory' (the database's own session lock, where
		 * Lockstep supports one), 'lease' (a row in the lockstep_lock table, renewed while
		 * held) or 'none' (Liquibase's lock table alone). By default, the database's own
		 * lock where there is one, else a lease.
		 */
		private @Nullable Kind kind;

		private final Lease lease = new Lease();

		public @Nullable Kind getKind() {
			return this.kind;
		}

		public void setKind(@Nullable Kind kind) {
			this.kind = kind;
		}

		public Lease getLease() {
			return this.lease;
		}

		/**
		 * Kinds of migration lock.
		 */
		public enum Kind {

			/**
			 * The database's own session lock.
			 */
			ADVISORY,

			/**
			 * A lease in the lockstep_lock table.
			 */
			LEASE,

			/**
			 * No lock of Lockstep's: Liquibase's lock table alone.
			 */
			NONE

		}

		/**
		 * How often PostgreSQL checks that the lock holder's client is still alive.
		 * @return the interval
		 * @deprecated in favour of
		 * {@code lockstep.lock.postgresql.connection-check-interval}
		 */
		@Deprecated(since = "0.2.0", forRemoval = true)
		@DeprecatedConfigurationProperty(replacement = "lockstep.lock.postgresql.connection-check-interval",
				since = "0.2.0")
		public Duration getConnectionCheckInterval() {
			return this.postgresql.getConnectionCheckInterval();
		}

		/**
		 * Set how often PostgreSQL checks that the lock holder's client is still alive.
		 * @param connectionCheckInterval the interval
		 * @deprecated in favour of
		 * {@code lockstep.lock.postgresql.connection-check-interval}
		 */
		@Deprecated(since = "0.2.0", forRemoval = true)
		public void setConnectionCheckInterval(Duration connectionCheckInterval) {
			this.postgresql.setConnectionCheckInterval(connectionCheckInterval);
		}

	}

	/**
	 * Settings of the lease lock.
	 */
	public static class Lease {

		/**
		 * How long a lease lasts unless its holder renews it (a heartbeat renews it every
		 * third of that). A holder that dies keeps others waiting for at most this long.
		 */
		private Duration duration = Duration.ofSeconds(30);

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * Settings of PostgreSQL's advisory lock.
	 */
	public static class Postgresql {

		/**
		 * How often PostgreSQL checks that the lock holder's client is still alive while a
		 * statement runs (client_connection_check_interval, PostgreSQL 14 and later), so
		 * that a killed holder frees the lock at once rather than when its statement ends.
		 * Zero leaves the server's setting alone.
		 */
		private Duration connectionCheckInterval = Duration.ofSeconds(1);

		public Duration getConnectionCheckInterval() {
			return this.connectionCheckInterval;
		}

		public void setConnectionCheckInterval(Duration connectionCheckInterval) {
			this.connectionCheckInterval = connectionCheckInterval;
		}

	}

}
