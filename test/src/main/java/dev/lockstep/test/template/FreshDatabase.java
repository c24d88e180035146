package dev.lockstep.test.template;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the application context of a Spring Boot test class a fresh PostgreSQL database of
 * its own, copied from a template database that holds the application's changelog
 * ({@code spring.liquibase.*}) already applied: the first test class that needs it builds
 * the template once, and every later one gets {@code CREATE DATABASE ... TEMPLATE} instead
 * of a Liquibase run; Lockstep's startup then finds nothing pending in one query.
 * <p>
 * The server is the one the test's {@code JdbcConnectionDetails} names, whichever way it
 * was given: {@code spring.datasource.*} properties (an environment variable, a
 * {@code DynamicPropertyRegistrar} or {@code @DynamicPropertySource} for an embedded
 * PostgreSQL), or a Testcontainers container with {@code @ServiceConnection}. Its user must
 * be allowed to create databases. The test class's context connects to the copy instead,
 * and the copy is dropped when the context is closed.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;FreshDatabase
 * class LoanTests {
 * }
 * </pre>
 *
 * @see TemplateDatabases
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface FreshDatabase {

	/**
	 * The prefix of the template's name, or empty to derive one from the changelog's
	 * location. Give one when projects with changelogs at the same location share a
	 * server, as each drops the other's templates as stale otherwise.
	 * @return the prefix
	 */
	String templatePrefix() default "";

}
