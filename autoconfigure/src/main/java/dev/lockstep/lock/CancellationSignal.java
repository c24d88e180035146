package dev.lockstep.lock;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Tells a lock wait to give up, for example because the process is shutting down.
 */
public class CancellationSignal {

	private final AtomicReference<@Nullable String> reason = new AtomicReference<>();

	/**
	 * Ask every wait that checks this signal to give up.
	 * @param reason why, for the error message
	 */
	public void cancel(String reason) {
		this.reason.compareAndSet(null, reason);
	}

	/**
	 * Return why the wait was cancelled.
	 * @return the reason, or {@code null} if it was not cancelled
	 */
	public @Nullable String cancellationReason() {
		return this.reason.get();
	}

}
