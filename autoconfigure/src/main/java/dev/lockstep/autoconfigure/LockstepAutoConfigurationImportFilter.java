package dev.lockstep.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Leaves Spring Boot's Liquibase auto-configuration out wherever Lockstep's is in: both
 * read {@code spring.liquibase.*}, and only Lockstep's runs it under the migration lock.
 * Lockstep's startup bean is not a {@code SpringLiquibase}, so that a start with nothing
 * pending never loads Liquibase, and Spring Boot's would not back off on its own. Slices
 * that import Spring Boot's alone (such as {@code @DataJpaTest}) keep it, and so does
 * {@code lockstep.enabled=false}. What it leaves out, and why, goes into the condition
 * evaluation report ({@code --debug}, {@code /actuator/conditions}).
 */
class LockstepAutoConfigurationImportFilter implements AutoConfigurationImportFilter, EnvironmentAware,
		BeanFactoryAware {

	private static final String LOCKSTEP = LockstepAutoConfiguration.class.getName();

	private static final String SPRING_BOOT_LIQUIBASE = "org.springframework.boot.liquibase.autoconfigure."
			+ "LiquibaseAutoConfiguration";

	private boolean lockstepEnabled = true;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.lockstepEnabled = environment.getProperty("lockstep.enabled", Boolean.class, true);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		List<String> candidates = Arrays.asList(autoConfigurationClasses);
		boolean lockstepTakesOver = this.lockstepEnabled && candidates.contains(LOCKSTEP);
		boolean[] match = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < match.length; i++) {
			match[i] = !(lockstepTakesOver && SPRING_BOOT_LIQUIBASE.equals(autoConfigurationClasses[i]));
			if (!match[i]) {
				recordLeftOut(autoConfigurationClasses[i]);
			}
		}
		return match;
	}

	private void recordLeftOut(String autoConfiguration) {
		if (this.beanFactory != null) {
			ConditionOutcome outcome = ConditionOutcome.noMatch(ConditionMessage.of("Lockstep's "
					+ "LockstepAutoConfiguration runs Liquibase in its place, from the same spring.liquibase.* "
					+ "properties, under the migration lock (lockstep.enabled=false keeps Spring Boot's)"));
			ConditionEvaluationReport.get(this.beanFactory)
				.recordConditionEvaluation(autoConfiguration, new ReplacedByLockstep(), outcome);
		}
	}

	/**
	 * The condition the report names for an auto-configuration this filter leaves out. The
	 * filter decides, before any condition is evaluated, so as a condition it never
	 * matches.
	 */
	static final class ReplacedByLockstep implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return false;
		}

	}

}
