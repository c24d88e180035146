package dev.lockstep.autoconfigure;

import dev.lockstep.OperationRefusedException;
import dev.lockstep.OperationRefusedException.Reason;
import dev.lockstep.autoconfigure.LockstepMigratorAutoConfiguration.ExitsWhenDoneCondition;
import dev.lockstep.engine.Migrator;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * A command or migrate-only run with nothing to run it (Lockstep is not managing
 * Liquibase) must not exit 0 as if it had: it fails, naming why.
 */
@AutoConfiguration(after = LockstepMigratorAutoConfiguration.class)
@Conditional(ExitsWhenDoneCondition.class)
@ConditionalOnMissingBean(Migrator.class)
public final class LockstepRunModeAutoConfiguration {

	@Bean
	ApplicationRunner lockstepNothingToRun() {
		return (arguments) -> {
			throw new OperationRefusedException(Reason.NOT_APPLICABLE,
					"lockstep.command or lockstep.mode=migrate-only is set, but Lockstep does not manage Liquibase here "
							+ "(spring.liquibase.enabled=false, lockstep.enabled=false, a SpringLiquibase bean of the "
							+ "application's own, or no DataSource): nothing was run");
		};
	}

}
