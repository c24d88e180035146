package dev.lockstep.revision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import liquibase.serializer.ChangeLogSerializer;
import liquibase.serializer.core.xml.XMLChangeLogSerializer;
import liquibase.serializer.core.yaml.YamlChangeLogSerializer;

/**
 * The format of a changelog file, by its extension: YAML, XML or formatted SQL. Writes
 * changesets in it and includes a file in a master changelog of it.
 */
enum RevisionFile {

	/**
	 * YAML, as Liquibase's serializer writes it.
	 */
	YAML("yaml", "yml") {

		@Override
		String write(List<GeneratedChangeSet> changeSets) throws IOException {
			return serialize(new YamlChangeLogSerializer(), changeSets);
		}

		@Override
		String include(String master, String file) {
			return master + (master.endsWith("\n") ? "" : "\n") + "  - include:\n      file: " + file
					+ "\n      relativeToChangelogFile: true\n";
		}

	},

	/**
	 * XML, as Liquibase's serializer writes it.
	 */
	XML("xml") {

		@Override
		String write(List<GeneratedChangeSet> changeSets) throws IOException {
			return serialize(new XMLChangeLogSerializer(), changeSets);
		}

		@Override
		String include(String master, String file) {
			int end = master.lastIndexOf("</databaseChangeLog>");
			if (end == -1) {
				throw new IllegalArgumentException("The master changelog has no </databaseChangeLog>");
			}
			return master.substring(0, end) + "    <include file=\"" + file + "\" relativeToChangelogFile=\"true\"/>\n"
					+ master.substring(end);
		}

	},

	/**
	 * Liquibase's formatted SQL: each changeset's statements, its comment, and its
	 * rollback statements where Liquibase can derive them.
	 */
	SQL("sql") {

		@Override
		String write(List<GeneratedChangeSet> changeSets) {
			StringBuilder sql = new StringBuilder("-- liquibase formatted sql\n");
			for (GeneratedChangeSet changeSet : changeSets) {
				sql.append("\n-- changeset ").append(changeSet.author()).append(':').append(changeSet.id()).append('\n');
				String warning = changeSet.change().warning();
				if (warning != null) {
					sql.append("-- comment: ").append(warning).append('\n');
				}
				changeSet.change().sql().forEach((statement) -> sql.append(statement).append(";\n"));
				changeSet.change()
					.rollbackSql()
					.forEach((statement) -> sql.append("-- rollback ").append(statement).append(";\n"));
			}
			return sql.toString();
		}

		@Override
		String include(String master, String file) {
			throw new IllegalArgumentException("A formatted SQL changelog cannot include another file");
		}

	};

	private final List<String> extensions;

	RevisionFile(String... extensions) {
		this.extensions = List.of(extensions);
	}

	/**
	 * Return the changesets as the content of a changelog file.
	 */
	abstract String write(List<GeneratedChangeSet> changeSets) throws IOException;

	/**
	 * Return the master changelog with an include of the file added at its end.
	 * @param master the master's content
	 * @param file the file, relative to the master
	 */
	abstract String include(String master, String file);

	/**
	 * Return the format of a file by its name.
	 * @param fileName the name
	 * @return the format
	 * @throws IllegalArgumentException for a file of no format Lockstep writes
	 */
	static RevisionFile of(String fileName) {
		String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
		for (RevisionFile format : values()) {
			if (format.extensions.contains(extension)) {
				return format;
			}
		}
		throw new IllegalArgumentException("The changelog " + fileName + " is neither YAML, XML nor formatted SQL");
	}

	private static String serialize(ChangeLogSerializer serializer, List<GeneratedChangeSet> changeSets)
			throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.write(changeSets.stream().map(GeneratedChangeSet::toChangeSet).toList(), out);
		return out.toString(StandardCharsets.UTF_8);
	}

}
