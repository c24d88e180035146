package dev.lockstep.revision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.engine.Revision;
import liquibase.change.ChangeFactory;
import liquibase.change.ChangeWithColumns;
import liquibase.change.core.CreateTableChange;
import org.jspecify.annotations.Nullable;

/**
 * Writes a revision's changesets as a new changelog file beside the newest existing one,
 * numbered after it and named after the message, in its format, and includes it in the
 * master changelog. Ids follow the existing changesets' convention (numbers, or names
 * that say what the change does); the author is the configured one, else the newest
 * changeset's.
 */
public final class RevisionWriter {

	private static final Pattern NUMBERED = Pattern.compile("^(\\d+)[-_].*");

	private static final Pattern NUMBER = Pattern.compile("\\d+");

	private final Path sourceDirectory;

	private final String masterChangeLog;

	private final @Nullable String author;

	/**
	 * Create a new instance.
	 * @param sourceDirectory the folder a {@code classpath:} changelog is read from in the
	 * sources, such as {@code src/main/resources}
	 * @param masterChangeLog the master changelog's location
	 * @param author the changesets' author, or {@code null} to follow the newest changeset's
	 */
	public RevisionWriter(Path sourceDirectory, String masterChangeLog, @Nullable String author) {
		this.sourceDirectory = sourceDirectory;
		this.masterChangeLog = masterChangeLog;
		this.author = author;
	}

	/**
	 * Write the changes as a new changelog file and include it in the master.
	 * @param message what the revision does, for the file's name
	 * @param changes the changes, in the order they apply
	 * @param existing the changelog's changesets, in changelog order
	 * @return the file written and its changesets
	 */
	public WrittenRevision write(String message, List<SchemaChange> changes, List<Revision> existing) {
		String slug = slug(message);
		if (slug.isEmpty()) {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE,
					"The revision command needs a message that names the change: add --lockstep.message=\"add isbn to book\"");
		}
		Path master = resolve(this.masterChangeLog);
		if (!Files.isRegularFile(master)) {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE, "The master changelog " + this.masterChangeLog
					+ " is not at " + master.toAbsolutePath() + ": set lockstep.revision.source-directory to the folder "
					+ "the changelog is read from in the sources (default src/main/resources)");
		}
		Revision newest = existing.isEmpty() ? null : existing.get(existing.size() - 1);
		Path newestFile = (newest != null) ? resolve(newest.changeLog()) : master;
		Path folder = newestFile.toAbsolutePath().getParent();
		Path shownFolder = (newestFile.getParent() != null) ? newestFile.getParent() : folder;
		RevisionFile format = RevisionFile.of(newestFile.getFileName().toString());
		RevisionFile masterFormat = RevisionFile.of(master.getFileName().toString());
		String author = (this.author != null) ? this.author : (newest != null) ? newest.author() : "lockstep";
		List<GeneratedChangeSet> changeSets = changeSets(changes, existing, author);
		Path file = shownFolder.resolve(nextNumber(folder) + "-" + slug + "." + extension(newestFile));
		String relative = master.toAbsolutePath()
			.getParent()
			.relativize(file.toAbsolutePath())
			.toString()
			.replace('\\', '/');
		try {
			String masterText = Files.readString(master);
			boolean included = !coveredByIncludeAll(masterText, folder, master);
			String newMaster = included ? masterFormat.include(masterText, relative) : masterText;
			Files.writeString(file, format.write(changeSets), StandardOpenOption.CREATE_NEW);
			try {
				Files.writeString(master, newMaster);
			}
			catch (IOException ex) {
				Files.deleteIfExists(file);
				throw ex;
			}
			return new WrittenRevision(file, changeSets.stream().map(GeneratedChangeSet::id).toList(),
					included ? master : null);
		}
		catch (IllegalArgumentException ex) {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE, ex.getMessage() + ": nothing was written");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Writing the revision " + file + " failed", ex);
		}
	}

	private List<GeneratedChangeSet> changeSets(List<SchemaChange> changes, List<Revision> existing, String author) {
		Set<String> ids = new HashSet<>(existing.stream().map(Revision::id).toList());
		boolean numbered = !existing.isEmpty() && ids.stream().allMatch((id) -> NUMBER.matcher(id).matches());
		long next = numbered ? ids.stream().mapToLong(Long::parseLong).max().orElse(0) + 1 : 1;
		List<GeneratedChangeSet> changeSets = new ArrayList<>();
		for (SchemaChange change : changes) {
			String id = numbered ? Long.toString(next++) : unique(describingId(change), ids);
			ids.add(id);
			changeSets.add(new GeneratedChangeSet(id, author, change));
		}
		return changeSets;
	}

	/**
	 * An id that says what the change does, such as {@code add-column-loan-returned-at}:
	 * the change's name, its table, and its columns or constraint.
	 */
	private static String describingId(SchemaChange change) {
		Map<String, Object> parameters = ChangeFactory.getInstance().getParameters(change.change());
		List<Object> parts = new ArrayList<>();
		parts.add(change.change().getSerializedObjectName().replaceAll("([a-z])([A-Z])", "$1-$2"));
		Stream.of("tableName", "baseTableName", "columnName", "constraintName", "indexName", "sequenceName")
			.map(parameters::get)
			.filter(Objects::nonNull)
			.forEach(parts::add);
		if (change.change() instanceof ChangeWithColumns<?> withColumns && !parameters.containsKey("columnName")
				&& !(change.change() instanceof CreateTableChange)) {
			withColumns.getColumns().forEach((column) -> parts.add(column.getName()));
		}
		return slug(parts.stream().map(Object::toString).collect(Collectors.joining("-")));
	}

	private static String unique(String id, Set<String> ids) {
		String candidate = id;
		for (int suffix = 2; ids.contains(candidate); suffix++) {
			candidate = id + "-" + suffix;
		}
		return candidate;
	}

	private static String slug(String text) {
		String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		return (slug.length() > 60) ? slug.substring(0, 60).replaceAll("-$", "") : slug;
	}

	private static String nextNumber(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			List<String> numbers = files.map((file) -> NUMBERED.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.map((matcher) -> matcher.group(1))
				.toList();
			long next = numbers.stream().mapToLong(Long::parseLong).max().orElse(0) + 1;
			int width = numbers.stream().mapToInt(String::length).max().orElse(3);
			return String.format(Locale.ROOT, "%0" + width + "d", next);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Listing the changelog folder " + folder + " failed", ex);
		}
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		return name.substring(name.lastIndexOf('.') + 1);
	}

	private static boolean coveredByIncludeAll(String master, Path folder, Path masterFile) {
		Matcher includeAll = Pattern.compile("includeAll[\\s\\S]*?path[\"']?\\s*[:=]\\s*[\"']?([^\"'\\s>]+)").matcher(master);
		while (includeAll.find()) {
			String path = includeAll.group(1).replaceAll("/$", "");
			if (folder.endsWith(path) || masterFile.toAbsolutePath().getParent().resolve(path).normalize().equals(folder)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the file of a changelog location: a {@code file:} URL or an absolute path as it
	 * is, a {@code classpath:} location or a relative path under the source directory.
	 */
	private Path resolve(String location) {
		if (location.startsWith("file:")) {
			return Path.of(URI.create(location));
		}
		String path = location.replaceFirst("^classpath\\*?:", "").replaceFirst("^/", "");
		return Path.of(location).isAbsolute() ? Path.of(location) : this.sourceDirectory.resolve(path);
	}

}
