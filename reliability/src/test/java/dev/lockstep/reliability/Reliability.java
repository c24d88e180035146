package dev.lockstep.reliability;

import java.util.Random;

/**
 * The suite's seed and sizes, from system properties. {@code -Dreliability.seed=N}
 * repeats a run's random choices; {@code -Dreliability.size=full} runs the full sizes
 * (the default is the reduced size CI runs), and {@code -Dreliability.<name>=N} sets one
 * size on its own.
 */
final class Reliability {

	private static final long SEED = Long.getLong("reliability.seed", System.nanoTime() & 0xFFFFFFFFL);

	private static final boolean FULL = "full".equals(System.getProperty("reliability.size"));

	static {
		System.out.printf("Reliability seed: %d (-Dreliability.seed=%d repeats this run), size: %s%n", SEED, SEED,
				FULL ? "full" : "reduced");
	}

	private Reliability() {
	}

	/**
	 * Return a random generator for one test, from the run's seed.
	 * @param test the test's name
	 * @return the generator
	 */
	static Random random(String test) {
		long seed = SEED ^ test.hashCode();
		System.out.printf("%s: seed %d%n", test, SEED);
		return new Random(seed);
	}

	/**
	 * Return a size: {@code -Dreliability.<name>} if set, else the reduced or full default.
	 * @param name the size's name
	 * @param reduced its reduced default
	 * @param full its full default
	 * @return the size
	 */
	static int size(String name, int reduced, int full) {
		int size = Integer.getInteger("reliability." + name, FULL ? full : reduced);
		System.out.printf("Size %s = %d%n", name, size);
		return size;
	}

}
