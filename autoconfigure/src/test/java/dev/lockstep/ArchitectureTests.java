package dev.lockstep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering README's architecture section describes: the house reads from the top
 * floor down (auto-configuration, then the command and the actuator, the startup run, the
 * fast path, the engine, the lock), each database family's part sits in a package of its
 * own that only the auto-configuration wires, and the engine needs no Spring Boot.
 */
class ArchitectureTests {

	private static final String[] DATABASE_PACKAGES = { "dev.lockstep.postgres..", "dev.lockstep.mariadb.." };

	private static final Pattern PRODUCT_NAME = Pattern.compile("(?i)postgres|mariadb|mysql|pg_|pgconnection");

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.lockstep");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.lockstep.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void eachFloorUsesOnlyTheFloorsBelowIt() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("AutoConfiguration").definedBy("dev.lockstep.autoconfigure..")
			.layer("Command").definedBy("dev.lockstep.command..")
			.layer("Actuate").definedBy("dev.lockstep.actuate..")
			.layer("Startup").definedBy("dev.lockstep.startup..")
			.layer("Report").definedBy("dev.lockstep.report..")
			.layer("Revision").definedBy("dev.lockstep.revision..")
			.layer("Event").definedBy("dev.lockstep.event..")
			.layer("Lint").definedBy("dev.lockstep.lint..")
			.layer("FastPath").definedBy("dev.lockstep.fastpath..")
			.layer("Engine").definedBy("dev.lockstep.engine..")
			.layer("Lock").definedBy("dev.lockstep.lock..")
			.layer("Lease").definedBy("dev.lockstep.lease..")
			.layer("Databases").definedBy(DATABASE_PACKAGES)
			.whereLayer("AutoConfiguration").mayNotBeAccessedByAnyLayer()
			.whereLayer("Command").mayOnlyBeAccessedByLayers("AutoConfiguration")
			.whereLayer("Actuate").mayOnlyBeAccessedByLayers("AutoConfiguration")
			.whereLayer("Databases").mayOnlyBeAccessedByLayers("AutoConfiguration")
			.whereLayer("Lease").mayOnlyBeAccessedByLayers("AutoConfiguration")
			.whereLayer("Startup").mayOnlyBeAccessedByLayers("AutoConfiguration")
			.whereLayer("Report").mayOnlyBeAccessedByLayers("AutoConfiguration", "Command", "Actuate")
			.whereLayer("Revision").mayOnlyBeAccessedByLayers("AutoConfiguration", "Command")
			.whereLayer("Event").mayOnlyBeAccessedByLayers("AutoConfiguration", "Actuate", "Startup")
			.whereLayer("Lint").mayOnlyBeAccessedByLayers("AutoConfiguration", "Command", "Startup", "Databases")
			.whereLayer("FastPath").mayOnlyBeAccessedByLayers("AutoConfiguration", "Actuate", "Startup", "Databases")
			.whereLayer("Engine")
			.mayOnlyBeAccessedByLayers("AutoConfiguration", "Command", "Actuate", "Startup", "Report", "Event",
					"Lint", "FastPath", "Databases", "Revision")
			.whereLayer("Lock")
			.mayOnlyBeAccessedByLayers("AutoConfiguration", "Command", "Actuate", "Startup", "Report", "Event",
					"FastPath", "Engine", "Databases", "Lease", "Revision")
			.check(classes);
	}

	@Test
	void onlyDatabasePackagesUseADatabaseDriver() {
		noClasses().that()
			.resideOutsideOfPackages(DATABASE_PACKAGES)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.postgresql..", "org.mariadb..", "com.mysql..")
			.check(classes);
	}

	/**
	 * The engine, the lock, the fast path and the exceptions they throw: exit codes are
	 * handed to Spring Boot by the startup run and the command line.
	 */
	@Test
	void engineAndLockNeedNoSpringBoot() {
		noClasses().that()
			.resideInAnyPackage("dev.lockstep", "dev.lockstep.engine..", "dev.lockstep.lock..",
					"dev.lockstep.fastpath..", "dev.lockstep.lint..", "dev.lockstep.revision..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..")
			.check(classes);
	}

	/**
	 * A database product named in code (not in comments) outside the per-database packages
	 * is a branch on the database that belongs in one of them. The auto-configuration
	 * names them to wire each family's part.
	 */
	@Test
	void nothingOutsideTheDatabasePackagesNamesADatabaseProduct() throws IOException {
		Path sources = Path.of("src/main/java/dev/lockstep");
		try (Stream<Path> files = Files.walk(sources)) {
			List<String> namings = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.startsWith(sources.resolve("postgres"))
						&& !file.startsWith(sources.resolve("mariadb"))
						&& !file.startsWith(sources.resolve("autoconfigure")))
				.flatMap(ArchitectureTests::codeLinesNamingAProduct)
				.toList();
			assertThat(namings).isEmpty();
		}
	}

	private static Stream<String> codeLinesNamingAProduct(Path file) {
		try {
			return Files.readAllLines(file)
				.stream()
				.map(String::strip)
				.filter((line) -> !line.startsWith("*") && !line.startsWith("/*") && !line.startsWith("//"))
				.filter((line) -> PRODUCT_NAME.matcher(line).find())
				.map((line) -> file.getFileName() + ": " + line);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
