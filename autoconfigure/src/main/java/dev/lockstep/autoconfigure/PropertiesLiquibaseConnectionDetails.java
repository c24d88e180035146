package dev.lockstep.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.liquibase.autoconfigure.LiquibaseConnectionDetails;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties;

/**
 * Adapts {@code spring.liquibase.url}, {@code .user}, {@code .password} and
 * {@code .driver-class-name} to {@link LiquibaseConnectionDetails}, in place of Spring
 * Boot's adapter, which backs off with the rest of its Liquibase configuration.
 */
final class PropertiesLiquibaseConnectionDetails implements LiquibaseConnectionDetails {

	private final LiquibaseProperties properties;

	PropertiesLiquibaseConnectionDetails(LiquibaseProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable String getUsername() {
		return this.properties.getUser();
	}

	@Override
	public @Nullable String getPassword() {
		return this.properties.getPassword();
	}

	@Override
	public @Nullable String getJdbcUrl() {
		return this.properties.getUrl();
	}

	@Override
	public @Nullable String getDriverClassName() {
		String driverClassName = this.properties.getDriverClassName();
		return (driverClassName != null) ? driverClassName : LiquibaseConnectionDetails.super.getDriverClassName();
	}

}
