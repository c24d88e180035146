package dev.lockstep.test.roundtrip;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import dev.lockstep.LockstepException;
import dev.lockstep.OperationRefusedException;
import dev.lockstep.engine.LockedLiquibaseRunner;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.OperationResult;
import dev.lockstep.lock.LockListener;
import dev.lockstep.lock.LockSessionSettings;
import dev.lockstep.lock.LockWaitPolicy;
import dev.lockstep.lock.MigrationLocks;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.snapshot.DatabaseSnapshot;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

/**
 * Proves, from an empty database, that every changeset's rollback restores the schema it
 * started from: for each changeset in order it takes a snapshot of the schema, applies the
 * changeset, rolls it back, compares the schema with the snapshot, and applies it again
 * (which must give the schema of the first apply). At the end, the schema at head must
 * equal a straight apply of the whole changelog. Snapshots and comparisons are Liquibase's
 * own, so it works on every database Liquibase knows; Liquibase's and Lockstep's own
 * tables are left out. Changesets are applied and rolled back with Lockstep's
 * {@link Migrator} ({@code upgrade +1}, {@code downgrade -1}).
 *
 * <pre class="code">
 * &#64;Test
 * void everyChangesetRollsBack() {
 *     MigrationRoundTrip.of(dataSource, "classpath:db/changelog/db.changelog-master.yaml").verify();
 * }
 * </pre>
 *
 * The database is left at head.
 */
public final class MigrationRoundTrip {

	private static final String FAST_PATH_TABLE = "lockstep_fast_path";

	private static final String DEFAULT_CHANGELOG_LOCK_TABLE = "DATABASECHANGELOGLOCK";

	private final DataSource dataSource;

	private final MigrationSettings settings;

	private final ResourceLoader resourceLoader;

	private MigrationRoundTrip(DataSource dataSource, MigrationSettings settings, ResourceLoader resourceLoader) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.resourceLoader = resourceLoader;
	}

	/**
	 * Return a round trip of a changelog with every other setting at its default.
	 * @param dataSource an empty database
	 * @param changeLog the changelog's location, as {@code spring.liquibase.change-log}
	 * takes it
	 * @return the round trip
	 */
	public static MigrationRoundTrip of(DataSource dataSource, String changeLog) {
		return of(dataSource, MigrationSettings.of(changeLog));
	}

	/**
	 * Return a round trip of a changelog with the given contexts, labels, parameters and
	 * tables.
	 * @param dataSource an empty database
	 * @param settings the changelog and its settings
	 * @return the round trip
	 */
	public static MigrationRoundTrip of(DataSource dataSource, MigrationSettings settings) {
		return new MigrationRoundTrip(dataSource, settings, new DefaultResourceLoader());
	}

	/**
	 * Return this round trip reading the changelogs with the given loader.
	 * @param resourceLoader where the changelogs are read from
	 * @return a new round trip
	 */
	public MigrationRoundTrip withResourceLoader(ResourceLoader resourceLoader) {
		return new MigrationRoundTrip(this.dataSource, this.settings, resourceLoader);
	}

	/**
	 * Run the round trip and fail if any changeset's rollback does not restore the schema,
	 * any changeset has no rollback, or the head differs from a straight apply.
	 * @return what the round trip found
	 * @throws RoundTripFailure naming each failing changeset and its differences
	 */
	public RoundTripReport verify() {
		RoundTripReport report = run();
		if (!report.passed()) {
			throw new RoundTripFailure(report);
		}
		return report;
	}

	/**
	 * Run the round trip and report what it found, without failing.
	 * @return what the round trip found
	 * @throws IllegalStateException if the database is not empty to begin with
	 */
	public RoundTripReport run() {
		Migrator migrator = new Migrator(this.dataSource, this.resourceLoader, this.settings, runner());
		try (SnapshotSession session = new SnapshotSession(this.dataSource, this.settings)) {
			SchemaSnapshots snapshots = session.snapshots(ignoredTables());
			DatabaseSnapshot before = snapshots.take();
			List<String> existing = snapshots.objects(before);
			if (!existing.isEmpty() || migrator.status().current() != null) {
				throw new IllegalStateException("A migration round trip starts from an empty database; this one has "
						+ (existing.isEmpty() ? "changesets applied" : String.join(", ", existing)));
			}
			List<ChangeSetRoundTrip> results = new ArrayList<>();
			while (migrator.status().pendingCount() > 0) {
				StepResult result = roundTrip(migrator, snapshots, before);
				results.add(result.check());
				if (result.stopsTheRoundTrip()) {
					return new RoundTripReport(results, List.of());
				}
				before = result.after();
			}
			return new RoundTripReport(results,
					snapshots.differences(before, straightApply(migrator, session, snapshots)));
		}
	}

	private StepResult roundTrip(Migrator migrator, SchemaSnapshots snapshots, DatabaseSnapshot before) {
		OperationResult applied = migrator.upgrade("+1", false);
		String changeSet = applied.changeSets().get(0).fullName();
		DatabaseSnapshot after = snapshots.take();
		try {
			migrator.downgrade("-1", false);
		}
		catch (OperationRefusedException ex) {
			if (ex.getReason() == OperationRefusedException.Reason.NO_ROLLBACK) {
				return new StepResult(check(changeSet, ChangeSetRoundTrip.Outcome.NO_ROLLBACK, List.of()), after);
			}
			throw ex;
		}
		catch (LockstepException ex) {
			return failed(changeSet, "rollback", ex, after);
		}
		List<String> notRestored = snapshots.differences(before, snapshots.take());
		if (!notRestored.isEmpty()) {
			return new StepResult(check(changeSet, ChangeSetRoundTrip.Outcome.WRONG_ROLLBACK, notRestored), after);
		}
		try {
			migrator.upgrade("+1", false);
		}
		catch (LockstepException ex) {
			return failed(changeSet, "second apply", ex, after);
		}
		DatabaseSnapshot reapplied = snapshots.take();
		List<String> reapplyDifferences = snapshots.differences(after, reapplied);
		return new StepResult(check(changeSet, reapplyDifferences.isEmpty() ? ChangeSetRoundTrip.Outcome.RESTORED
				: ChangeSetRoundTrip.Outcome.REAPPLY_DIFFERS, reapplyDifferences), reapplied);
	}

	/**
	 * Drop everything in the schema and apply the whole changelog in one go.
	 */
	private DatabaseSnapshot straightApply(Migrator migrator, SnapshotSession session, SchemaSnapshots snapshots) {
		session.dropAll(this.settings.changeLog(), new SpringResourceAccessor(this.resourceLoader));
		migrator.upgrade("head", false);
		return snapshots.take();
	}

	private Set<String> ignoredTables() {
		String lockTable = (this.settings.changelogLockTable() != null) ? this.settings.changelogLockTable()
				: DEFAULT_CHANGELOG_LOCK_TABLE;
		return Set.of(this.settings.changelogTableName(), lockTable, FAST_PATH_TABLE);
	}

	private static StepResult failed(String changeSet, String step, LockstepException ex, DatabaseSnapshot after) {
		return new StepResult(
				check(changeSet, ChangeSetRoundTrip.Outcome.FAILED, List.of(step + ": " + ex.getMessage())), after);
	}

	private static ChangeSetRoundTrip check(String changeSet, ChangeSetRoundTrip.Outcome outcome,
			List<String> differences) {
		return new ChangeSetRoundTrip(changeSet, outcome, differences);
	}

	private static LockedLiquibaseRunner runner() {
		return new LockedLiquibaseRunner(new MigrationLocks(List.of()), List.of(),
				new LockWaitPolicy(Duration.ofMinutes(1), Duration.ofMillis(250), Duration.ofSeconds(10)),
				new LockSessionSettings("lockstep round trip"), LockListener.NONE);
	}

	/**
	 * One changeset's check, and the schema it left for the next.
	 */
	private record StepResult(ChangeSetRoundTrip check, DatabaseSnapshot after) {

		/**
		 * A wrong rollback or a failure leaves a schema the next changeset does not expect;
		 * a changeset without rollback was applied and left alone.
		 */
		boolean stopsTheRoundTrip() {
			return this.check.outcome().isFailure() && this.check.outcome() != ChangeSetRoundTrip.Outcome.NO_ROLLBACK;
		}

	}

	/**
	 * Liquibase's view of the database on a connection of its own, for the snapshots.
	 */
	private static final class SnapshotSession implements AutoCloseable {

		private final Database database;

		SnapshotSession(DataSource dataSource, MigrationSettings settings) {
			try {
				this.database = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(dataSource.getConnection()));
				if (settings.defaultSchema() != null) {
					this.database.setDefaultSchemaName(settings.defaultSchema());
				}
			}
			catch (SQLException | LiquibaseException ex) {
				throw new IllegalStateException("Could not connect to the database: " + ex.getMessage(), ex);
			}
		}

		SchemaSnapshots snapshots(Set<String> ignoredTables) {
			return new SchemaSnapshots(this.database, ignoredTables);
		}

		void dropAll(String changeLog, SpringResourceAccessor resources) {
			try {
				new Liquibase(changeLog, resources, this.database).dropAll();
			}
			catch (LiquibaseException ex) {
				throw new IllegalStateException("Could not empty the schema for a straight apply: " + ex.getMessage(),
						ex);
			}
		}

		@Override
		public void close() {
			try {
				this.database.close();
			}
			catch (LiquibaseException ex) {
				throw new IllegalStateException("Could not close the snapshot connection: " + ex.getMessage(), ex);
			}
		}

	}

}
