package dev.lockstep.lock;

import java.time.Duration;

/**
 * How a lock session presents itself to the database.
 *
 * @param applicationName the application name the lock connection reports while it holds
 * or waits for the lock, so that waiters and operators can tell who holds it
 * @param connectionCheckInterval how often the server checks that the lock holder's client
 * is still alive during a long statement ({@link Duration#ZERO} leaves the server's
 * setting alone)
 */
public record LockSessionSettings(String applicationName, Duration connectionCheckInterval) {

}
