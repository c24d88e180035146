package dev.lockstep.test.template;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test class annotated with {@link FreshDatabase} a context of its own whose
 * database is a fresh copy of the template.
 */
class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		FreshDatabase freshDatabase = TestContextAnnotationUtils.findMergedAnnotation(testClass, FreshDatabase.class);
		return (freshDatabase != null) ? new FreshDatabaseContextCustomizer(testClass, freshDatabase.templatePrefix())
				: null;
	}

}
