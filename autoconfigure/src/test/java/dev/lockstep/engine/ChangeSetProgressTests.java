package dev.lockstep.engine;

import java.sql.Connection;
import java.time.Duration;

import dev.lockstep.test.TestDatabase;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChangeSetProgress} on a real Liquibase run: positions out of the run's
 * total, the last changeset always logged, and a heartbeat while a slow one runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChangeSetProgressTests {

	@RegisterExtension
	static TestDatabase database = new TestDatabase();

	@Test
	void logsEachPositionOutOfWhatTheRunWillApplyAndBeatsWhileASlowChangesetRuns(CapturedOutput output)
			throws Exception {
		ChangeSetProgress progress = new ChangeSetProgress("main", null, Duration.ofMillis(200));
		try (Connection connection = database.connect()) {
			Liquibase liquibase = new Liquibase("db/progress/changelog.yaml", new ClassLoaderResourceAccessor(),
					new JdbcConnection(connection));
			liquibase.setChangeExecListener(progress);
			liquibase.update(new Contexts("main"), new LabelExpression());
		}
		progress.runEnded();
		assertThat(progress.applied()).isEqualTo(3);
		assertThat(output).contains("Applied changeset 1/3 db/progress/changelog.yaml::first::lockstep")
			.contains("Changeset 2/3 db/progress/changelog.yaml::slow::lockstep still running after")
			.contains("Applied changeset 3/3 db/progress/changelog.yaml::last::lockstep")
			.doesNotContain("only-elsewhere");
		assertThat(output.getOut().lines().filter((line) -> line.contains("slow::lockstep still running after")))
			.hasSizeBetween(2, 5);
	}

}
