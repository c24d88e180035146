/**
 * MariaDB's and MySQL's part: the {@code GET_LOCK} user lock session and the fast path's
 * SQL. Both servers share this SQL (MariaDB 10.0.2 and later, MySQL 5.7 and later).
 */
@NullMarked
package dev.lockstep.mariadb;

import org.jspecify.annotations.NullMarked;
