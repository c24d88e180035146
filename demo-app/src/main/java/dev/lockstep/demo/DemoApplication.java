package dev.lockstep.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small service whose schema Lockstep migrates at startup. It needs a database
 * ({@code spring.datasource.url}); {@code TestDemoApplication} runs it with an embedded
 * PostgreSQL for local development.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DemoApplication.class);
		application.addListeners(new DatabaseUrlRequired());
		application.run(args);
	}

}
