package dev.lockstep.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.lockstep.startup.LockstepMode;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for the runs that exit when their work is done ({@code lockstep.mode=migrate-only}
 * and {@code lockstep.command}): no web server, and lazy beans, so that nothing but the
 * migration starts (no scheduled tasks, no listeners). In command mode the console also
 * keeps to the command's own output. Settings of the application's own win.
 */
class RunModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "lockstepRunMode";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!exitsWhenDone(environment)) {
			return;
		}
		boolean command = environment.containsProperty("lockstep.command");
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.main.web-application-type", "none");
		defaults.put("spring.main.lazy-initialization", "true");
		if (command) {
			defaults.put("spring.main.banner-mode", "off");
			defaults.put("spring.main.log-startup-info", "false");
			defaults.put("logging.threshold.console", "ERROR");
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	/**
	 * Return whether this run exits when its work is done: a command, or migrate-only.
	 */
	static boolean exitsWhenDone(Environment environment) {
		return environment.containsProperty("lockstep.command") || Binder.get(environment)
			.bind("lockstep.mode", LockstepMode.class)
			.map(LockstepMode.MIGRATE_ONLY::equals)
			.orElse(false);
	}

}
