package dev.lockstep.engine;

import liquibase.change.ColumnConfig;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.RawSQLChange;
import liquibase.database.core.MariaDBDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RanStatements}: which statements a failed changeset names, in
 * MariaDB's SQL as Liquibase generates it.
 */
class RanStatementsTests {

	private final MariaDBDatabase database = new MariaDBDatabase();

	@Test
	void namesTheChangesThatRanAndTheFailedChangesStatementsBeforeItsLast() {
		RanStatements statements = new RanStatements();
		statements.changeSetStarts();
		statements.changeStarts(table("first"));
		statements.changeRan(table("first"));
		RawSQLChange failed = new RawSQLChange("INSERT INTO first VALUES (1); INSERT INTO missing VALUES (2)");
		statements.changeStarts(failed);
		assertThat(statements.mayHaveRun(this.database)).containsExactly("CREATE TABLE first (id INT NULL)",
				"INSERT INTO first VALUES (1)");
	}

	@Test
	void forgetsTheChangesOfTheChangesetBefore() {
		RanStatements statements = new RanStatements();
		statements.changeSetStarts();
		statements.changeRan(table("earlier"));
		statements.changeSetStarts();
		statements.changeStarts(new RawSQLChange("INSERT INTO missing VALUES (1)"));
		assertThat(statements.mayHaveRun(this.database)).isEmpty();
	}

	@Test
	void namesAtMostTenStatementsAndShortensLongOnes() {
		RanStatements statements = new RanStatements();
		statements.changeSetStarts();
		for (int i = 1; i <= 12; i++) {
			statements.changeRan(table("t" + i));
		}
		statements.changeRan(new RawSQLChange("SELECT '" + "x".repeat(300) + "'"));
		assertThat(statements.mayHaveRun(this.database)).hasSize(RanStatements.LIMIT + 1)
			.startsWith("CREATE TABLE t1 (id INT NULL)")
			.endsWith("… and 3 more");
		statements.changeSetStarts();
		statements.changeRan(new RawSQLChange("SELECT '" + "x".repeat(300) + "'"));
		assertThat(statements.mayHaveRun(this.database)).singleElement().asString().hasSize(200).endsWith("…");
	}

	private static CreateTableChange table(String name) {
		CreateTableChange change = new CreateTableChange();
		change.setTableName(name);
		change.addColumn(new ColumnConfig().setName("id").setType("int"));
		return change;
	}

}
