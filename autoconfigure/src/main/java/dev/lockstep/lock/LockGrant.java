package dev.lockstep.lock;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A migration lock held by this process.
 *
 * @param name the lock's name
 * @param advisory whether a database advisory lock is held ({@code false} on databases
 * without one, where Liquibase's own lock table is all there is)
 * @param waited how long this process waited for it
 * @param previousHolder the session that held it while this process waited, if any
 */
public record LockGrant(LockName name, boolean advisory, Duration waited, @Nullable LockHolder previousHolder) {

}
