package dev.lockstep.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.lockstep.LockstepException;
import dev.lockstep.demo.DemoProcess.Finished;
import dev.lockstep.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of the packaged demo jar, in text and in JSON, against a real PostgreSQL.
 */
class CommandsIT {

	private static final String V1 = "db/changelog/changes/001-catalog.yaml::tag-v1::lockstep-demo";

	@RegisterExtension
	static TestDatabase database = TestDatabase.emptyForEachTest();

	@Test
	void currentAndHistoryInText() throws Exception {
		command("upgrade", "v1");
		assertThat(command("current").output()).isEqualTo("Current revision: " + V1 + " (tag v1)\n"
				+ "Head:             db/changelog/changes/003-display-names.yaml::tag-v3::lockstep-demo\n"
				+ "Status:           6 pending\n");
		List<String> history = command("history", "--lockstep.history.order=oldest-first").output().lines().toList();
		assertThat(history).hasSize(10);
		assertThat(history.get(0)).startsWith("applied").contains("001-catalog.yaml::create-author::lockstep-demo");
		assertThat(history.get(3)).startsWith("applied").contains("(tag v1)");
		assertThat(history.get(4)).startsWith("pending").contains("create-member");
		List<String> newestPage = command("history", "--lockstep.history.limit=2").output().lines().toList();
		assertThat(newestPage).hasSize(3);
		assertThat(newestPage.get(0)).startsWith("pending").contains("tag-v3");
		assertThat(newestPage.get(2)).isEqualTo("(changesets 1 to 2 of 10)");
	}

	@Test
	void currentAndHistoryInJson() throws Exception {
		command("upgrade", "v2");
		DocumentContext current = json("current");
		assertThat(current.read("$.current.tag", String.class)).isEqualTo("v2");
		assertThat(current.read("$.pendingCount", Integer.class)).isEqualTo(3);
		assertThat(current.read("$", Map.class)).containsOnlyKeys("current", "head", "upToDate", "pendingCount", "lock",
				"mode", "lastRun", "migration", "migrations");
		assertThat(current.read("$.migrations", List.class)).containsExactly("default");
		DocumentContext history = json("history");
		assertThat(history.read("$.changeSets[*].state", List.class)).containsExactly("pending", "pending", "pending",
				"applied", "applied", "applied", "applied", "applied", "applied", "applied");
		assertThat(history.read("$.total", Integer.class)).isEqualTo(10);
	}

	@Test
	void upgradeDowngradeAndStampInText() throws Exception {
		Finished upgrade = command("upgrade", "+2");
		assertThat(upgrade.output()).isEqualTo("Upgraded 2 changesets:\n"
				+ "  db/changelog/changes/001-catalog.yaml::create-author::lockstep-demo\n"
				+ "  db/changelog/changes/001-catalog.yaml::create-book::lockstep-demo\n"
				+ "Now at: db/changelog/changes/001-catalog.yaml::create-book::lockstep-demo\n");
		assertThat(database.columns("public", "book")).containsExactly("id", "title", "author_id");
		command("upgrade", "head");
		assertThat(database.columns("public", "member")).contains("display_name");
		assertThat(command("downgrade", "v2").output()).startsWith("Downgraded 3 changesets:")
			.endsWith("Now at: db/changelog/changes/002-members-and-loans.yaml::tag-v2::lockstep-demo (tag v2)\n");
		assertThat(database.columns("public", "member")).doesNotContain("display_name");
		assertThat(command("stamp", "head").output()).startsWith("Stamped 3 changesets:");
		assertThat(database.columns("public", "member")).as("stamp runs nothing").doesNotContain("display_name");
		command("stamp", "v2");
		command("downgrade", "base");
		assertThat(database.schemaDump("public")).isEmpty();
	}

	@Test
	void operationsInJson() throws Exception {
		DocumentContext upgrade = json("upgrade", "v1");
		assertThat(upgrade.read("$", Map.class)).containsOnlyKeys("operation", "target", "dryRun", "changeSets", "sql",
				"before", "after", "durationMs");
		assertThat(upgrade.read("$.changeSets", List.class)).hasSize(4);
		assertThat(upgrade.read("$.after", String.class)).isEqualTo(V1 + " (tag v1)");
		DocumentContext downgrade = json("downgrade", "-1");
		assertThat(downgrade.read("$.operation", String.class)).isEqualTo("downgrade");
		assertThat(downgrade.read("$.changeSets", List.class)).containsExactly(V1);
		DocumentContext stamp = json("stamp", "+1");
		assertThat(stamp.read("$.operation", String.class)).isEqualTo("stamp");
		assertThat(database.appliedIds()).hasSize(4);
	}

	@Test
	void sqlPreviewsUpgradesAndDowngradesAndChangesNothing() throws Exception {
		command("upgrade", "v2");
		List<String> dump = database.schemaDump("public");
		String upgrade = command("sql", "head").output();
		assertThat(upgrade).contains("ALTER TABLE public.member ADD display_name VARCHAR(201)")
			.contains("UPDATE member SET display_name = first_name || ' ' || last_name");
		String downgrade = command("sql", "v1").output();
		assertThat(downgrade).contains("DROP TABLE public.loan").contains("DROP TABLE public.member");
		DocumentContext json = json("sql", "v1");
		assertThat(json.read("$.dryRun", Boolean.class)).isTrue();
		assertThat(json.read("$.sql", String.class)).contains("DROP TABLE public.loan");
		assertThat(command("upgrade", "head", "--lockstep.dry-run=true").output())
			.contains("ALTER TABLE public.member ADD display_name");
		assertThat(database.schemaDump("public")).isEqualTo(dump);
		assertThat(database.appliedIds()).hasSize(7);
	}

	@Test
	void helpPrintsTheUsageAndTouchesNoDatabase() throws Exception {
		String help = command("help").output();
		assertThat(help).startsWith("Usage: java -jar <application>.jar --lockstep.command=<command>")
			.contains("Commands:", "Targets (--lockstep.target):", "Options:", "Exit codes:")
			.contains("  validate ", "  upgrade <target> ", "<path::id::author>", "<date-time>", "+N, -N",
					"--lockstep.output=json", "--lockstep.dry-run=true")
			.doesNotContain("Tomcat", "Lockstep: ");
		assertThat(database.schemaDump("public")).isEmpty();
		Finished unreachable = run("help", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/library");
		assertThat(unreachable.exitCode()).as(unreachable.output()).isZero();
		assertThat(unreachable.output()).isEqualTo(help);
	}

	@Test
	void unknownCommandPrintsTheUsageAndExitsAsRefused() throws Exception {
		Finished run = run("upgarde", "head");
		assertThat(run.exitCode()).isEqualTo(LockstepException.EXIT_REFUSED);
		assertThat(run.output()).startsWith("Unknown command 'upgarde'.\n\nUsage: ")
			.contains("Exit codes:")
			.doesNotContain("APPLICATION FAILED TO START");
		assertThat(database.schemaDump("public")).isEmpty();
	}

	@Test
	void validateExitsZeroWhenTheChangelogMatchesTheDatabase() throws Exception {
		command("upgrade", "v2");
		assertThat(command("validate").output())
			.isEqualTo("Valid: the changelog has no errors, and every applied changeset is in it, unchanged\n");
		assertThat(json("validate").read("$", Map.class)).containsEntry("valid", true);
	}

	@Test
	void validateExitsTwoNamingEditedAndMissingChangesets() throws Exception {
		command("upgrade", "v1");
		database.jdbc()
			.update("UPDATE databasechangelog SET md5sum = '9:0123456789abcdef' WHERE id = 'create-book'");
		database.jdbc()
			.update("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, "
					+ "md5sum) VALUES ('dropped', 'alice', 'db/changelog/changes/000-old.yaml', now(), 99, "
					+ "'EXECUTED', '9:1')");
		List<String> applied = database.appliedIds();
		Finished run = run("validate");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(LockstepException.EXIT_REFUSED);
		assertThat(run.output()).startsWith("Invalid:\n")
			.contains("1 changeset edited since it was applied:\n"
					+ "  db/changelog/changes/001-catalog.yaml::create-book::lockstep-demo\n")
			.endsWith("1 applied changeset missing from the changelog:\n"
					+ "  db/changelog/changes/000-old.yaml::dropped::alice\n")
			.doesNotContain("APPLICATION FAILED TO START");
		Finished json = run("validate", "--lockstep.output=json");
		assertThat(json.exitCode()).isEqualTo(LockstepException.EXIT_REFUSED);
		DocumentContext report = JsonPath.parse(json.output());
		assertThat(report.read("$.valid", Boolean.class)).isFalse();
		assertThat(report.read("$.changed", List.class))
			.containsExactly("db/changelog/changes/001-catalog.yaml::create-book::lockstep-demo");
		assertThat(database.appliedIds()).as("validate changes nothing").isEqualTo(applied);
	}

	/**
	 * Run a command and expect exit code 0. The first argument not starting with
	 * {@code --} is the target; the others are passed as they are.
	 */
	private static Finished command(String command, String... arguments) throws Exception {
		Finished run = run(command, arguments);
		assertThat(run.exitCode()).as(run.output()).isZero();
		return run;
	}

	private static Finished run(String command, String... arguments) throws Exception {
		List<String> all = new ArrayList<>(List.of("--lockstep.command=" + command));
		for (String argument : arguments) {
			all.add(argument.startsWith("--") ? argument : "--lockstep.target=" + argument);
		}
		return DemoProcess.run(database, all.toArray(String[]::new));
	}

	private static DocumentContext json(String command, String... arguments) throws Exception {
		List<String> all = new ArrayList<>(List.of(arguments));
		all.add("--lockstep.output=json");
		return JsonPath.parse(command(command, all.toArray(String[]::new)).output());
	}

}
