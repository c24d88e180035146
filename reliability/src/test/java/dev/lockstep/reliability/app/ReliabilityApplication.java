package dev.lockstep.reliability.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the suite starts as processes of its own: Lockstep and the actuator,
 * nothing else.
 */
@SpringBootApplication
public class ReliabilityApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReliabilityApplication.class, args);
	}

}
