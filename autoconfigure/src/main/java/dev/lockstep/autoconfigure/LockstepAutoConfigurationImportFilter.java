package dev.lockstep.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Liquibase auto-configuration out wherever Lockstep's is in: both
 * read {@code spring.liquibase.*}, and only Lockstep's runs it under the migration lock.
 * Lockstep's startup bean is not a {@code SpringLiquibase}, so that a start with nothing
 * pending never loads Liquibase, and Spring Boot's would not back off on its own. Slices
 * that import Spring Boot's alone (such as {@code @DataJpaTest}) keep it, and so does
 * {@code lockstep.enabled=false}.
 */
class LockstepAutoConfigurationImportFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String LOCKSTEP = LockstepAutoConfiguration.class.getName();

	private static final String SPRING_BOOT_LIQUIBASE = "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration";

	private boolean lockstepEnabled = true;

	@Override
	public void setEnvironment(Environment environment) {
		this.lockstepEnabled = environment.getProperty("lockstep.enabled", Boolean.class, true);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		List<String> candidates = Arrays.asList(autoConfigurationClasses);
		boolean lockstepTakesOver = this.lockstepEnabled && candidates.contains(LOCKSTEP);
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			match[i] = !(lockstepTakesOver && SPRING_BOOT_LIQUIBASE.equals(autoConfigurationClasses[i]));
		}
		return match;
	}

}
