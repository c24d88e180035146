package dev.lockstep.autoconfigure;

import java.util.Set;

import dev.lockstep.command.MigrationCommand;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves JPA out of command runs that do not compare the model: Spring builds an entity
 * manager factory at startup even in a lazy context (it is load-time-weaver aware), and
 * Hibernate connects to the database to do so, so that {@code help}, or a command against
 * a database that Hibernate could not validate, would need it. {@code check} and
 * {@code revision} keep it: they build the model from it.
 */
class CommandJpaImportFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final Set<String> JPA = Set.of(
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
			"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");

	private static final Set<MigrationCommand> COMPARING_THE_MODEL = Set.of(MigrationCommand.CHECK,
			MigrationCommand.REVISION);

	private boolean leaveOutJpa;

	@Override
	public void setEnvironment(Environment environment) {
		String command = environment.getProperty("lockstep.command");
		this.leaveOutJpa = command != null
				&& !MigrationCommand.named(command).map(COMPARING_THE_MODEL::contains).orElse(false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			// An earlier filter's leftovers come as null.
			String candidate = autoConfigurationClasses[i];
			match[i] = !(this.leaveOutJpa && candidate != null && JPA.contains(candidate));
		}
		return match;
	}

}
