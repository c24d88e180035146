package dev.lockstep.test.template;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.lockstep.engine.MigrationSettings;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringResourceAccessor;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

/**
 * The database setup of CLASSES test classes that each want a fresh database, measured
 * the ways a test suite can get one; run by {@code benchmarks/templates.py}, not by the
 * build. Each round runs every way once, in a shuffled order, and prints one line of
 * seconds per way:
 * <ul>
 * <li>{@code template_cold}: no template yet, so the first class builds it (one Liquibase
 * run), and every class gets a copy;</li>
 * <li>{@code template_warm}: the template is there (any later build), every class gets a
 * copy;</li>
 * <li>{@code shared}: one database for all classes: the first class applies the
 * changelog, every later one starts Liquibase and finds nothing pending;</li>
 * <li>{@code plain}: a new empty database and a Liquibase run per class. That costs a
 * first apply per class, identical for every class, so a round runs PLAIN_SAMPLES of
 * them and the line gives CLASSES times their mean.</li>
 * </ul>
 * Arguments: the server's JDBC URL, user, password, the directory holding the changelog
 * (as a class path root), the changelog's path in it, rounds, classes and plain samples.
 */
public final class TemplateBenchmark {

	private static final String PREFIX = "lockstep_bench_template_";

	private final PostgresServer server;

	private final MigrationSettings settings;

	private final ResourceLoader resourceLoader;

	private final int classes;

	private final int plainSamples;

	private TemplateBenchmark(PostgresServer server, MigrationSettings settings, ResourceLoader resourceLoader,
			int classes, int plainSamples) {
		this.server = server;
		this.settings = settings;
		this.resourceLoader = resourceLoader;
		this.classes = classes;
		this.plainSamples = plainSamples;
	}

	public static void main(String[] args) throws Exception {
		ResourceLoader resourceLoader = new DefaultResourceLoader(
				new URLClassLoader(new URL[] { Path.of(args[3]).toUri().toURL() }, TemplateBenchmark.class.getClassLoader()));
		TemplateBenchmark benchmark = new TemplateBenchmark(new PostgresServer(args[0], args[1], args[2]),
				MigrationSettings.of("classpath:" + args[4]), resourceLoader, Integer.parseInt(args[6]),
				Integer.parseInt(args[7]));
		int rounds = Integer.parseInt(args[5]);
		// Untimed: a template to start from, so that template_warm is warm in the first round.
		benchmark.templateCold();
		for (int round = 1; round <= rounds; round++) {
			Map<String, Supplier<Double>> ways = Map.of("template_cold", benchmark::templateCold, "template_warm",
					benchmark::templateWarm, "shared", benchmark::shared, "plain", benchmark::plain);
			List<String> order = new ArrayList<>(ways.keySet());
			Collections.shuffle(order);
			StringBuilder line = new StringBuilder("round " + round);
			for (String way : order) {
				line.append(String.format(Locale.ROOT, " %s=%.3f", way, ways.get(way).get()));
			}
			System.out.println(line);
		}
		benchmark.dropTemplates();
	}

	private double templateCold() {
		dropTemplates();
		return templateWarm();
	}

	private double templateWarm() {
		TemplateDatabases templates = new TemplateDatabases(this.server, PREFIX);
		List<ClonedDatabase> copies = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < this.classes; i++) {
			copies.add(templates.create(this.settings, this.resourceLoader));
		}
		double seconds = seconds(start);
		copies.forEach(templates::drop);
		return seconds;
	}

	private double shared() {
		String database = newName();
		long start = System.nanoTime();
		createDatabase(database);
		for (int i = 0; i < this.classes; i++) {
			liquibaseUpdate(database);
		}
		double seconds = seconds(start);
		dropDatabase(database);
		return seconds;
	}

	private double plain() {
		double total = 0;
		for (int i = 0; i < this.plainSamples; i++) {
			String database = newName();
			long start = System.nanoTime();
			createDatabase(database);
			liquibaseUpdate(database);
			total += seconds(start);
			dropDatabase(database);
		}
		return total / this.plainSamples * this.classes;
	}

	private void liquibaseUpdate(String database) {
		try (Connection connection = this.server.dataSource(database).getConnection()) {
			new Liquibase(this.settings.changeLog(), new SpringResourceAccessor(this.resourceLoader),
					new JdbcConnection(connection))
				.update();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void createDatabase(String database) {
		onServer((connection) -> PostgresServer.execute(connection, "CREATE DATABASE " + database));
	}

	private void dropDatabase(String database) {
		onServer((connection) -> PostgresServer.drop(connection, database));
	}

	private void dropTemplates() {
		onServer((connection) -> {
			for (String template : PostgresServer.databasesStartingWith(connection, PREFIX)) {
				PostgresServer.drop(connection, template);
			}
		});
	}

	private void onServer(ServerWork work) {
		try (Connection connection = this.server.connect()) {
			work.run(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String newName() {
		return "lockstep_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	@FunctionalInterface
	private interface ServerWork {

		void run(Connection connection) throws SQLException;

	}

}
