package org.drugsandcrime.blog.core.database;

import java.net.ConnectException;
import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a start that failed for want of a database into one clear report instead of a wall of stack
 * traces: either what {@link DatabaseLocation} tried, or a connection that broke after it chose.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabaseUnavailableException unavailable) {
				return new FailureAnalysis(unavailable.getMessage(), DatabaseLocation.WAYS_OUT, null);
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || isConnectionFailure(cause)) {
				return new FailureAnalysis("The database stopped answering while the blog started: " + cause.getMessage(),
						DatabaseLocation.WAYS_OUT, null);
			}
		}
		return null;
	}

	private static boolean isConnectionFailure(Throwable cause) {
		if (cause instanceof SQLException sql && sql.getSQLState() != null) {
			// 08: connection exceptions; 28: invalid authorization; 3D000: no such database.
			return sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
					|| sql.getSQLState().equals("3D000");
		}
		return cause.getClass().getName().startsWith("io.r2dbc.spi.R2dbcNonTransientResourceException");
	}
}
