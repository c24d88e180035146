package dev.lockstep.lock;

/**
 * How a lock session presents itself to the database.
 *
 * @param applicationName the application name the lock connection reports while it holds
 * or waits for the lock, so that waiters and operators can tell who holds it
 */
public record LockSessionSettings(String applicationName) {

}
