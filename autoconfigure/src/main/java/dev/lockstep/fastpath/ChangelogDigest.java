package dev.lockstep.fastpath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import dev.lockstep.engine.MigrationSettings;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;

import org.springframework.core.io.ResourceLoader;

/**
 * The fast path's digest of a changelog and its settings, computed without a database:
 * Liquibase parses the changelog (and computes each changeset's checksum, which opens the
 * files changesets refer to) while every resource it reads is recorded, and the digest
 * covers those resources, the settings and the Liquibase version, as the fast path's own
 * does. Whatever would send a start down the full path changes it: an edited changeset, a
 * new file or include, changed contexts, labels or parameters. Tools that key a cache on
 * a schema (test template databases, for one) use it.
 */
public final class ChangelogDigest {

	private ChangelogDigest() {
	}

	/**
	 * Compute the digest of a changelog with its settings.
	 * @param settings the changelog and what selects its changesets
	 * @param resourceLoader where the changelogs are read from
	 * @return the digest, 64 hexadecimal digits
	 * @throws IOException if the changelog cannot be read or parsed
	 */
	public static String of(MigrationSettings settings, ResourceLoader resourceLoader) throws IOException {
		RecordingResourceAccessor resources = new RecordingResourceAccessor(resourceLoader);
		try {
			Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources), () -> parse(settings, resources));
		}
		catch (Exception ex) {
			throw new IOException("Could not read the changelog " + settings.changeLog() + ": " + ex.getMessage(), ex);
		}
		String inputs = resources.manifest().digest(FastPath.settingsText(settings), resourceLoader);
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((inputs + "\n" + FastPath.liquibaseVersion()).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private static void parse(MigrationSettings settings, RecordingResourceAccessor resources) throws Exception {
		ChangeLogParameters parameters = new ChangeLogParameters();
		settings.parameters().forEach(parameters::set);
		ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(settings.changeLog(), resources);
		DatabaseChangeLog changeLog = parser.parse(settings.changeLog(), parameters, resources);
		for (ChangeSet changeSet : changeLog.getChangeSets()) {
			changeSet.generateCheckSum(ChecksumVersion.latest());
		}
	}

}
