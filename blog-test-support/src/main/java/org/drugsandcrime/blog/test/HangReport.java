package org.drugsandcrime.blog.test;

import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test gives up waiting for an answer, prints what every thread of the JVM was doing, then fails as it
 * would have: an answer that never comes leaves no other trace, and on CI this output is all there is.
 */
public final class HangReport implements TestExecutionExceptionHandler {

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (timedOut(failure)) {
			StringBuilder report = new StringBuilder("blog tests: " + context.getDisplayName()
					+ " waited in vain for an answer; every thread at that moment:\n");
			for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
				report.append('"').append(thread.getKey().getName()).append("\" ").append(thread.getKey().getState()).append('\n');
				for (StackTraceElement frame : thread.getValue()) {
					report.append("\tat ").append(frame).append('\n');
				}
			}
			System.err.println(report);
		}
		throw failure;
	}

	private static boolean timedOut(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}
}
