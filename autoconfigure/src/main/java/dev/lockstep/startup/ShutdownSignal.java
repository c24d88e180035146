package dev.lockstep.startup;

import dev.lockstep.lock.CancellationSignal;

/**
 * A cancellation signal that fires when the JVM starts to shut down. Spring's own shutdown
 * hook cannot close a context that is still refreshing (it waits for the refresh to end),
 * so a start that waits for the migration lock needs a hook of its own to end the wait.
 */
final class ShutdownSignal extends CancellationSignal implements AutoCloseable {

	private final Thread hook = new Thread(() -> cancel("the application is shutting down"),
			"lockstep-shutdown-signal");

	private ShutdownSignal() {
	}

	static ShutdownSignal register() {
		ShutdownSignal signal = new ShutdownSignal();
		Runtime.getRuntime().addShutdownHook(signal.hook);
		return signal;
	}

	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.hook);
		}
		catch (IllegalStateException ex) {
			// Shutdown is under way: the hook has run or is running, and that is fine.
		}
	}

}
