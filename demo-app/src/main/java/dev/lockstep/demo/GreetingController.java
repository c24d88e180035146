package dev.lockstep.demo;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the greetings the migrations created.
 */
@RestController
class GreetingController {

	private final JdbcClient jdbc;

	GreetingController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/greetings")
	List<Greeting> greetings() {
		return this.jdbc.sql("SELECT id, text FROM greeting ORDER BY id").query(Greeting.class).list();
	}

	record Greeting(long id, String text) {

	}

}
