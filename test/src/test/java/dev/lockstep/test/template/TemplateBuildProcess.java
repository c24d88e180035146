package dev.lockstep.test.template;

import dev.lockstep.engine.MigrationSettings;

import org.springframework.core.io.DefaultResourceLoader;

/**
 * One process that asks for a fresh database, for the test of builders racing in separate
 * JVMs. Arguments: the server's URL, user, password, the template prefix and the
 * changelog's location. Prints whether it built the template, then drops its copy.
 */
public final class TemplateBuildProcess {

	private TemplateBuildProcess() {
	}

	public static void main(String[] args) {
		TemplateDatabases templates = new TemplateDatabases(new PostgresServer(args[0], args[1], args[2]), args[3]);
		ClonedDatabase database = templates.create(MigrationSettings.of(args[4]), new DefaultResourceLoader());
		System.out.println("built=" + database.templateBuilt() + " template=" + database.template());
		templates.drop(database);
	}

}
