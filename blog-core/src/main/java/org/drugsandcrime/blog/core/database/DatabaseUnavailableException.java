package org.drugsandcrime.blog.core.database;

/** The run command found no database it could use; the message names what was tried and the ways out. */
public class DatabaseUnavailableException extends RuntimeException {

	public DatabaseUnavailableException(String message) {
		super(message);
	}
}
