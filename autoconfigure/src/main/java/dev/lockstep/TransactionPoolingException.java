package dev.lockstep;

/**
 * Thrown, before the migration lock is taken and so before anything changed, when the
 * connection migrations run on goes through a connection pooler that hands its server
 * session to other clients between transactions (transaction or statement pooling). A
 * session lock taken on such a connection stays behind on a server session that other
 * clients then use, and two instances could migrate at once.
 */
public final class TransactionPoolingException extends LockstepException {

	public TransactionPoolingException(String message) {
		super(EXIT_INVALID_CONFIGURATION, message);
	}

	@Override
	public String getAction() {
		return "Point the migrations at the database directly with 'spring.liquibase.url' (and "
				+ "'spring.liquibase.user', 'spring.liquibase.password'), or at a pooler in session pooling mode. "
				+ "The application's own data source may stay on the pooler. Nothing was changed.";
	}

}
