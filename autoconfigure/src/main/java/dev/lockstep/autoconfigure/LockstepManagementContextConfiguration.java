package dev.lockstep.autoconfigure;

import dev.lockstep.actuate.ConcreteContentTypeFilter;
import dev.lockstep.actuate.MigrationsEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * What the {@code migrations} endpoint needs in the context that serves the actuator: the
 * application's own, or the child context of a separate management port.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(FilterRegistrationBean.class)
@ConditionalOnBean({ MigrationsEndpointWebExtension.class, PathMappedEndpoints.class })
public final class LockstepManagementContextConfiguration {

	/**
	 * A request to the endpoint with a wildcard or invalid {@code Content-Type} answers
	 * 415 rather than 500.
	 */
	@Bean
	FilterRegistrationBean<ConcreteContentTypeFilter> lockstepMigrationsContentTypeFilter(
			PathMappedEndpoints endpoints) {
		String path = endpoints.getPath(EndpointId.of("migrations"));
		FilterRegistrationBean<ConcreteContentTypeFilter> registration = new FilterRegistrationBean<>(
				new ConcreteContentTypeFilter());
		registration.addUrlPatterns(path, path + "/*");
		return registration;
	}

}
