package org.drugsandcrime.blog.wordpress.importing;

/** Something about the request that stops an import before it writes anything; the message is for staff. */
class ImportProblem extends RuntimeException {

	ImportProblem(String message, Throwable cause) {
		super(message, cause);
	}
}
