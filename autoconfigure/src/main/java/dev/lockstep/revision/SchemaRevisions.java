package dev.lockstep.revision;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.SchemaComparisonFailedException;
import dev.lockstep.engine.ChangeSetState;
import dev.lockstep.engine.HistoryEntry;
import dev.lockstep.engine.MigrationHistory;
import dev.lockstep.engine.Migrator;
import dev.lockstep.engine.Revision;
import liquibase.exception.LiquibaseException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code check} and {@code revision} commands: compare the reference (the JPA model,
 * or a reference database) with the database at head, and report the differences or
 * write them as a new changelog file. A database behind head is refused, as Alembic
 * refuses one that is not up to date; the target database is only read.
 */
public final class SchemaRevisions {

	private final Migrator migrator;

	private final SchemaDiff diff;

	private final ReferenceSchema reference;

	private final RevisionWriter writer;

	private final @Nullable String message;

	/**
	 * Create a new instance.
	 * @param migrator reads the target's history, to refuse a database behind head
	 * @param diff compares the reference with the target
	 * @param reference what the target should look like
	 * @param writer writes a revision's file
	 * @param message what a revision does, for its file's name
	 */
	public SchemaRevisions(Migrator migrator, SchemaDiff diff, ReferenceSchema reference, RevisionWriter writer,
			@Nullable String message) {
		this.migrator = migrator;
		this.diff = diff;
		this.reference = reference;
		this.writer = writer;
		this.message = message;
	}

	/**
	 * Compare the reference with the database at head.
	 * @return the differences, each as the change that would remove it
	 */
	public SchemaCheck check() {
		atHead();
		return new SchemaCheck(this.reference.describe(),
				changes().stream().map(SchemaChange::description).toList());
	}

	/**
	 * Write the changes that take the database at head to the reference as a new
	 * changelog file, included in the master.
	 * @return the file written, or empty when there is no difference
	 */
	public Optional<WrittenRevision> revision() {
		if (this.message == null || this.message.isBlank()) {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE,
					"The revision command needs a message: add --lockstep.message=\"add isbn to book\"");
		}
		List<Revision> existing = atHead();
		List<SchemaChange> changes = changes();
		if (changes.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(this.writer.write(this.message, changes, existing));
	}

	private List<Revision> atHead() {
		MigrationHistory history = this.migrator.history();
		if (!history.isUpToDate()) {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE, "Target database is not up to date: "
					+ history.pending().size() + " changesets pending. Run upgrade head first; nothing was compared");
		}
		return history.entries()
			.stream()
			.filter((entry) -> entry.state() != ChangeSetState.MISSING_FROM_CHANGELOG)
			.map(HistoryEntry::revision)
			.toList();
	}

	private List<SchemaChange> changes() {
		try {
			return this.diff.changesTowards(this.reference);
		}
		catch (SQLException | LiquibaseException ex) {
			throw new SchemaComparisonFailedException(this.reference.describe(), ex);
		}
	}

}
