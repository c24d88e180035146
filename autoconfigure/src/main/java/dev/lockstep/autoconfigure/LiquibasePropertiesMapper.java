package dev.lockstep.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.lockstep.engine.MigrationSettings;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.ui.UIServiceEnum;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseProperties;
import org.springframework.util.StringUtils;

/**
 * Applies {@code spring.liquibase.*} to a {@link SpringLiquibase}, the way Spring Boot's own
 * Liquibase auto-configuration does, and to the {@link MigrationSettings} that the fast
 * path and the operations engine read.
 */
final class LiquibasePropertiesMapper {

	private LiquibasePropertiesMapper() {
	}

	static MigrationSettings migrationSettings(LiquibaseProperties properties, @Nullable String lockName) {
		return new MigrationSettings(properties.getChangeLog(), commaDelimited(properties.getContexts()),
				commaDelimited(properties.getLabelFilter()),
				(properties.getParameters() != null) ? properties.getParameters() : Map.of(),
				properties.getDefaultSchema(), properties.getLiquibaseSchema(), properties.getDatabaseChangeLogTable(),
				properties.getDatabaseChangeLogLockTable(), lockName);
	}

	/**
	 * Join a list setting (contexts, labels) as Liquibase takes it.
	 * @param values the values, {@code null} or empty for none
	 * @return the values, comma-delimited, or {@code null} for none
	 */
	static @Nullable String commaDelimited(@Nullable List<String> values) {
		return (values != null && !values.isEmpty()) ? StringUtils.collectionToCommaDelimitedString(values) : null;
	}

	/**
	 * Apply the settings that decide what runs, as {@link MigrationSettings} holds them,
	 * and every other {@code spring.liquibase.*} setting.
	 */
	static void apply(MigrationSettings settings, LiquibaseProperties properties, SpringLiquibase liquibase) {
		settings.applyTo(liquibase);
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::isClearChecksums).to(liquibase::setClearCheckSums);
		map.from(properties::getLiquibaseTablespace).to(liquibase::setLiquibaseTablespace);
		map.from(properties::isDropFirst).to(liquibase::setDropFirst);
		map.from(properties::isEnabled).to(liquibase::setShouldRun);
		map.from(properties::getRollbackFile).to(liquibase::setRollbackFile);
		map.from(properties::isTestRollbackOnUpdate).to(liquibase::setTestRollbackOnUpdate);
		map.from(properties::getTag).to(liquibase::setTag);
		map.from(properties::getShowSummary)
			.as((summary) -> UpdateSummaryEnum.valueOf(summary.name()))
			.to(liquibase::setShowSummary);
		map.from(properties::getShowSummaryOutput)
			.as((output) -> UpdateSummaryOutputEnum.valueOf(output.name()))
			.to(liquibase::setShowSummaryOutput);
		map.from(properties::getUiService).as((ui) -> UIServiceEnum.valueOf(ui.name())).to(liquibase::setUiService);
		map.from(properties::getAnalyticsEnabled).to(liquibase::setAnalyticsEnabled);
		map.from(properties::getLicenseKey).to(liquibase::setLicenseKey);
	}

}
