package dev.lockstep.fastpath;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.lockstep.engine.CurrentRevision;
import dev.lockstep.engine.LockstepMigration;
import dev.lockstep.engine.MigrationSettings;
import dev.lockstep.engine.Revision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;

/**
 * Lets a start with nothing pending skip Liquibase: after a complete run it stores a
 * digest of everything that decides what is pending (every changelog resource read, every
 * location listed, the settings, the Liquibase version) with a summary of the changelog
 * table and the current revision; a later start compares both, in one query, before
 * loading Liquibase. Any edit, new file, changed setting, rollback, stamp or hand edit of
 * the changelog table sends the start down the full path. Each database family's SQL
 * comes from its {@link FastPathDialect}; on a database without one every start takes the
 * full path.
 */
public final class FastPath {

	private static final Log logger = LogFactory.getLog(FastPath.class);

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final String TABLE = "lockstep_fast_path";

	private static final String UNKNOWN_VERSION = "unknown";

	private static final String CURRENT = "current";

	private static final String CURRENT_TAG = "current_tag";

	private static final String REVISION_SEPARATOR = "\n";

	private static final String LIQUIBASE_VERSION = liquibaseVersion();

	private final LockstepMigration migration;

	private final MigrationSettings settings;

	private final ResourceLoader resourceLoader;

	private final List<FastPathDialect> dialects;

	private final boolean enabled;

	/**
	 * Create a new instance.
	 * @param migration what is migrated, and where
	 * @param resourceLoader where the changelogs are read from
	 * @param dialects the SQL of each database family the fast path serves
	 * @param enabled whether a start with nothing pending may skip Liquibase; when not,
	 * every check finds that only Liquibase can tell, and a run forgets its state
	 */
	public FastPath(LockstepMigration migration, ResourceLoader resourceLoader,
			List<? extends FastPathDialect> dialects, boolean enabled) {
		this.migration = migration;
		this.settings = migration.settings();
		this.resourceLoader = resourceLoader;
		this.dialects = List.copyOf(dialects);
		this.enabled = enabled;
	}

	/**
	 * Return the migration this fast path checks.
	 * @return the migration
	 */
	public LockstepMigration migration() {
		return this.migration;
	}

	/**
	 * Return whether a start with nothing pending may skip Liquibase.
	 * @return whether the fast path is enabled
	 */
	public boolean enabled() {
		return this.enabled;
	}

	/**
	 * Check, as a start does and without Liquibase, whether nothing is pending: one query
	 * and a digest of the changelog files, against the state the last complete run left.
	 * @return what the check found if nothing is pending, or {@code null} if only Liquibase
	 * can tell (the fast path is off, or something changed since)
	 * @throws dev.lockstep.DatabaseUnreachableException if the database cannot be reached
	 */
	public @Nullable UpToDate checkUpToDate() {
		return onOwnConnection(this::check);
	}

	/**
	 * Check, with one query and without Liquibase, whether nothing is pending.
	 * @return the current revision if nothing is pending; {@code null} if the start must
	 * take the full path
	 */
	public @Nullable UpToDate check(Connection connection) {
		return readState(connection, this::upToDate);
	}

	/**
	 * Return a fingerprint of everything that decides what Liquibase would find, taken as
	 * the check is, with one query and a digest of the changelog files: it changes with
	 * any change to the changelog table, to a changelog resource the last complete run
	 * read or listed, to the settings or to the Liquibase version. What is read from
	 * Liquibase can be kept as long as the fingerprint stays the same.
	 * @return the fingerprint, or {@code null} if there is no stored state to take it by
	 * (the fast path is off, or no complete run stored one)
	 * @throws dev.lockstep.DatabaseUnreachableException if the database cannot be reached
	 */
	public @Nullable String fingerprint() {
		return onOwnConnection((connection) -> readState(connection, (row) -> LIQUIBASE_VERSION + "|"
				+ digestNow(row) + "|"
				+ row.getString("summary_now")));
	}

	private <T> @Nullable T onOwnConnection(Function<Connection, @Nullable T> read) {
		if (!this.enabled) {
			return null;
		}
		try (Connection connection = this.migration.connect()) {
			return read.apply(connection);
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * Read this migration's stored state, with the changelog table's summary as it is now,
	 * in one query.
	 */
	private <T> @Nullable T readState(Connection connection, StateRead<T> read) {
		if (!this.enabled) {
			return null;
		}
		try {
			Tables tables = tables(connection);
			if (tables == null) {
				return null;
			}
			// Every stored state, and ours picked here: a plain statement, as the driver's
			// prepared statement classes cost more to load than this query takes to run. The
			// stored current revision holds while the summary does, which saves sorting the
			// changelog table.
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SELECT f.lock_name, f.inputs_digest, f.manifest, "
							+ "f.changelog_summary, f.liquibase_version, f.current_revision AS " + CURRENT + ", "
							+ "f.current_tag AS " + CURRENT_TAG + ", " + tables.dialect.summary(tables.changelog) + " AS summary_now FROM "
							+ tables.fastPath + " f")) {
				while (row.next()) {
					if (tables.lockName.equals(row.getString("lock_name"))) {
						return read.read(row);
					}
				}
				return null;
			}
		}
		catch (SQLException | IOException | RuntimeException ex) {
			// No state yet, or it cannot be read: the full path decides.
			logger.debug("Lockstep fast path not taken: " + ex.getMessage());
			rollbackIfInTransaction(connection);
			return null;
		}
	}

	/**
	 * The digest of the stored manifest's resources as they are now, with the settings.
	 */
	private String digestNow(ResultSet row) throws SQLException, IOException {
		return InputsManifest.parse(row.getString("manifest")).digest(settingsText(this.settings), this.resourceLoader);
	}

	private @Nullable UpToDate upToDate(ResultSet row) throws SQLException, IOException {
		if (!Objects.equals(row.getString("changelog_summary"), row.getString("summary_now"))
				|| !LIQUIBASE_VERSION.equals(row.getString("liquibase_version"))) {
			return null;
		}
		String digest = digestNow(row);
		if (!digest.equals(row.getString("inputs_digest"))) {
			return null;
		}
		return new UpToDate(currentRevision(row));
	}

	/**
	 * Read the changelog table as it is now, in one query, so that its row count, its
	 * summary and the current revision all come from the same snapshot.
	 * @return what was read, or {@code null} if it cannot be read (no fast path then)
	 */
	public @Nullable ChangelogTable changelogTable(Connection connection) {
		return readWithinTransaction(connection, "read the changelog table", (tables) -> {
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM " + tables.changelog
							+ ") AS row_count, " + tables.dialect.summary(tables.changelog) + " AS summary_now, "
							+ tables.dialect.currentRevision(tables.changelog, REVISION_SEPARATOR))) {
				return row.next() ? new ChangelogTable(row.getLong("row_count"), row.getString("summary_now"),
						currentRevision(row)) : null;
			}
		});
	}

	/**
	 * Count the rows of the changelog table as it is now.
	 * @return the number of rows, {@code 0} if there is no changelog table yet, or
	 * {@code -1} if they cannot be counted (no fast path then)
	 */
	public long changelogRows(Connection connection) {
		Long rows = readWithinTransaction(connection, "count the changelog table's rows", (tables) -> {
			if (!exists(connection, tables, tables.changelog)) {
				return 0L;
			}
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SELECT count(*) FROM " + tables.changelog)) {
				return row.next() ? row.getLong(1) : null;
			}
		});
		return (rows != null) ? rows : -1;
	}

	/**
	 * Read on a connection that may be in the middle of Liquibase's transaction: a failed
	 * read (on a server without {@code hashtextextended}, before PostgreSQL 11) goes back to
	 * a savepoint instead of aborting that transaction.
	 * @return what was read, or {@code null} if it cannot be read (no fast path then)
	 */
	private <T> @Nullable T readWithinTransaction(Connection connection, String description, TableRead<T> read) {
		Savepoint savepoint = null;
		try {
			Tables tables = tables(connection);
			if (tables == null) {
				return null;
			}
			savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
			T result = read.read(tables);
			if (savepoint != null) {
				connection.releaseSavepoint(savepoint);
			}
			return result;
		}
		catch (SQLException ex) {
			logger.debug("Lockstep could not " + description + ": " + ex.getMessage());
			if (savepoint != null) {
				rollbackTo(connection, savepoint);
			}
			return null;
		}
	}

	private static void rollbackTo(Connection connection, Savepoint savepoint) {
		try {
			connection.rollback(savepoint);
		}
		catch (SQLException ex) {
			logger.debug("Could not roll back to the savepoint before a fast path read", ex);
		}
	}

	/**
	 * Store the state after a complete run in which nothing was left pending.
	 * @param state what the run read, and the summary of the changelog table taken when
	 * nothing was pending
	 */
	public void record(Connection connection, State state) throws SQLException, IOException {
		Tables tables = tables(connection);
		if (tables == null) {
			return;
		}
		String digest = state.manifest().digest(settingsText(this.settings), this.resourceLoader);
		try (Statement create = connection.createStatement()) {
			for (String statement : tables.dialect.createStateTable(tables.fastPath)) {
				create.execute(statement);
			}
		}
		try (PreparedStatement upsert = connection.prepareStatement(tables.dialect.upsertState(tables.fastPath))) {
			CurrentRevision current = state.current();
			upsert.setString(1, tables.lockName);
			upsert.setString(2, digest);
			upsert.setString(3, state.manifest().toText());
			upsert.setString(4, state.summary());
			upsert.setString(5, LIQUIBASE_VERSION);
			upsert.setString(6, (current != null) ? String.join(REVISION_SEPARATOR, current.revision().changeLog(),
					current.revision().id(), current.revision().author()) : null);
			upsert.setString(7, (current != null) ? current.tag() : null);
			upsert.executeUpdate();
		}
	}

	/**
	 * Drop the stored state, so that the next start takes the full path (a changelog with
	 * changesets that run always, or one that left changesets pending).
	 */
	public void forget(Connection connection) throws SQLException {
		Tables tables = tables(connection);
		if (tables == null) {
			return;
		}
		if (!exists(connection, tables, tables.fastPath)) {
			return;
		}
		try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + tables.fastPath
				+ " WHERE lock_name = ?")) {
			delete.setString(1, tables.lockName);
			delete.executeUpdate();
		}
	}

	private static boolean exists(Connection connection, Tables tables, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet found = statement.executeQuery(tables.dialect.tableExists(table))) {
			return found.next() && found.getBoolean(1);
		}
	}

	/**
	 * The settings that decide what is pending, in a stable form.
	 */
	static String settingsText(MigrationSettings settings) {
		Map<String, String> parameters = new TreeMap<>(settings.parameters());
		return String.join("|", settings.changeLog(), String.valueOf(settings.contexts()),
				String.valueOf(settings.labelFilter()), parameters.toString(), String.valueOf(settings.defaultSchema()),
				String.valueOf(settings.liquibaseSchema()), String.valueOf(settings.changelogTable()),
				String.valueOf(settings.changelogLockTable()),
				SystemValues.named(FastPath::isLiquibaseSetting).toString());
	}

	/**
	 * Where Spring's properties leave a setting unset (the contexts or the label filter,
	 * among others), Liquibase reads it from its {@code liquibase.*} system properties and
	 * {@code LIQUIBASE_*} environment variables.
	 */
	private static boolean isLiquibaseSetting(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		return lowerCase.startsWith("liquibase.") || lowerCase.startsWith("liquibase_");
	}

	private @Nullable Tables tables(Connection connection) throws SQLException {
		// Without Liquibase's version, another version could not be told apart.
		if (UNKNOWN_VERSION.equals(LIQUIBASE_VERSION)) {
			return null;
		}
		FastPathDialect dialect = dialect(connection);
		if (dialect == null) {
			return null;
		}
		String schema = this.settings.schema(connection);
		String changelog = this.settings.changelogTableName();
		if (schema == null || !IDENTIFIER.matcher(schema).matches() || !IDENTIFIER.matcher(changelog).matches()) {
			return null;
		}
		return new Tables(dialect, schema + "." + changelog, schema + "." + TABLE,
				this.settings.lockNameInSchema(schema).value());
	}

	private @Nullable FastPathDialect dialect(Connection connection) throws SQLException {
		for (FastPathDialect dialect : this.dialects) {
			if (dialect.supports(connection)) {
				return dialect;
			}
		}
		return null;
	}

	private static @Nullable CurrentRevision currentRevision(ResultSet row) throws SQLException {
		String current = row.getString(CURRENT);
		if (current == null) {
			return null;
		}
		String[] parts = current.split(REVISION_SEPARATOR, 3);
		return new CurrentRevision(new Revision(parts[0], parts[1], parts[2]), row.getString(CURRENT_TAG));
	}

	private static void rollbackIfInTransaction(Connection connection) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not roll back after the fast path check", ex);
		}
	}

	/**
	 * Liquibase's version, read the way Liquibase reads it but without starting Liquibase
	 * (its Scope costs more than the whole fast path). Whatever loads this class sees
	 * Liquibase's resources.
	 */
	static String liquibaseVersion() {
		Properties build = new Properties();
		try (InputStream in = FastPath.class.getClassLoader().getResourceAsStream("liquibase.build.properties")) {
			if (in != null) {
				build.load(in);
			}
		}
		catch (IOException ex) {
			logger.debug("Could not read Liquibase's build properties", ex);
		}
		return build.getProperty("build.version", UNKNOWN_VERSION);
	}

	private record Tables(FastPathDialect dialect, String changelog, String fastPath, String lockName) {

	}

	/**
	 * The changelog table as one query saw it.
	 *
	 * @param rows how many rows it holds
	 * @param summary its summary, as the fast path stores it
	 * @param current the current revision, or {@code null} if nothing is applied
	 */
	public record ChangelogTable(long rows, String summary, @Nullable CurrentRevision current) {

	}

	@FunctionalInterface
	private interface StateRead<T> {

		@Nullable T read(ResultSet row) throws SQLException, IOException;

	}

	@FunctionalInterface
	private interface TableRead<T> {

		@Nullable T read(Tables tables) throws SQLException;

	}

	/**
	 * What a complete run leaves for the fast path to store.
	 *
	 * @param manifest every resource the run read and every location it listed
	 * @param summary the summary of the changelog table taken when nothing was pending
	 * @param current the current revision read with that summary, or {@code null} if
	 * nothing is applied
	 */
	public record State(InputsManifest manifest, String summary, @Nullable CurrentRevision current) {

	}

}
