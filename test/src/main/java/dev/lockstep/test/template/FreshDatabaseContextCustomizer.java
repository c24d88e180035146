package dev.lockstep.test.template;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers the post-processor that points the context's {@code JdbcConnectionDetails}
 * at a fresh copy of the template. Customizers of different test classes differ, so that
 * each class gets a context, and a database, of its own.
 */
final class FreshDatabaseContextCustomizer implements ContextCustomizer {

	private static final String BEAN_NAME = FreshDatabaseConnectionDetailsPostProcessor.class.getName();

	private final Class<?> testClass;

	private final String templatePrefix;

	FreshDatabaseContextCustomizer(Class<?> testClass, String templatePrefix) {
		this.testClass = testClass;
		this.templatePrefix = templatePrefix;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		if (!(context instanceof BeanDefinitionRegistry registry)) {
			throw new IllegalStateException("@FreshDatabase needs a context that accepts bean definitions");
		}
		RootBeanDefinition definition = new RootBeanDefinition(FreshDatabaseConnectionDetailsPostProcessor.class,
				() -> new FreshDatabaseConnectionDetailsPostProcessor(this.templatePrefix));
		definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		registry.registerBeanDefinition(BEAN_NAME, definition);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof FreshDatabaseContextCustomizer customizer && this.testClass == customizer.testClass
				&& this.templatePrefix.equals(customizer.templatePrefix);
	}

	@Override
	public int hashCode() {
		return this.testClass.hashCode() * 31 + this.templatePrefix.hashCode();
	}

}
