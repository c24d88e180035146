package dev.lockstep.revision;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The DDL that creates the application's JPA model, as Hibernate writes it from the
 * application's own metadata (its naming strategies, its dialect, its mappings). Hibernate
 * writes the script, and nothing else, while the entity manager factory boots: its schema
 * action on the database is turned off.
 */
public final class ModelScript {

	private static final String DELIMITER = ";";

	private static final Pattern STATEMENT_END = Pattern.compile(Pattern.quote(DELIMITER) + "\\s*(\\R|$)");

	private final StringWriter script = new StringWriter();

	private final Supplier<?> entityManagerFactory;

	/**
	 * Create a new instance.
	 * @param entityManagerFactory boots the application's entity manager factory (with
	 * {@link #applyTo(Map)}'s settings), which writes the script
	 */
	public ModelScript(Supplier<?> entityManagerFactory) {
		this.entityManagerFactory = entityManagerFactory;
	}

	/**
	 * Turn Hibernate's schema action on the database off, and have it write the script
	 * that creates the model into this instead. The names come out unqualified unless an
	 * entity names its schema, so that the script builds the model wherever it runs.
	 * @param hibernateProperties the properties the entity manager factory is built with
	 */
	public void applyTo(Map<String, Object> hibernateProperties) {
		hibernateProperties.remove("hibernate.hbm2ddl.auto");
		hibernateProperties.remove("hibernate.default_schema");
		hibernateProperties.remove("hibernate.default_catalog");
		hibernateProperties.put("jakarta.persistence.schema-generation.database.action", "none");
		hibernateProperties.put("jakarta.persistence.schema-generation.scripts.action", "create");
		hibernateProperties.put("jakarta.persistence.schema-generation.scripts.create-target", this.script);
		hibernateProperties.put("hibernate.hbm2ddl.delimiter", DELIMITER);
		hibernateProperties.put("hibernate.hbm2ddl.create_namespaces", "false");
	}

	/**
	 * Return the statements that create the model, in the order Hibernate wrote them.
	 * @return the statements, without their delimiters
	 */
	public List<String> statements() {
		this.entityManagerFactory.get();
		return Arrays.stream(STATEMENT_END.split(this.script.toString()))
			.map(String::strip)
			.filter((statement) -> !statement.isEmpty())
			.toList();
	}

}
