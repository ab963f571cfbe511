package org.drugsandcrime.blog.test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test gives up waiting for an answer, prints what every thread of the JVM was doing, then fails as it
 * would have: an answer that never comes leaves no other trace, and on CI this output is all there is. Two looks
 * two seconds apart, with each thread's CPU time, tell a thread that spins (its CPU time grows) from one that waits
 * where the JVM does not say so (a class being initialised by another thread shows as RUNNABLE on Java 17).
 */
public final class HangReport implements TestExecutionExceptionHandler {

	private static final long SECOND_LOOK_NANOS = 2_000_000_000L;

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (timedOut(failure)) {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			Map<Long, Long> cpuBefore = cpuTimes(threads);
			LockSupport.parkNanos(SECOND_LOOK_NANOS);
			StringBuilder report = new StringBuilder("blog tests: " + context.getDisplayName()
					+ " waited in vain for an answer; every thread at that moment, and its CPU time over the last 2 s:\n");
			for (ThreadInfo thread : threads.dumpAllThreads(true, true)) {
				long before = cpuBefore.getOrDefault(thread.getThreadId(), -1L);
				long after = threads.getThreadCpuTime(thread.getThreadId());
				report.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
				if (before >= 0 && after >= 0) {
					report.append(", cpu +").append((after - before) / 1_000_000).append(" ms");
				}
				if (thread.getLockName() != null) {
					report.append(", waiting for ").append(thread.getLockName()).append(" held by ").append(thread.getLockOwnerName());
				}
				report.append('\n');
				for (StackTraceElement frame : thread.getStackTrace()) {
					report.append("\tat ").append(frame).append('\n');
				}
				Arrays.stream(thread.getLockedMonitors()).forEach(lock -> report.append("\t- holds ").append(lock).append('\n'));
				Arrays.stream(thread.getLockedSynchronizers()).forEach(lock -> report.append("\t- holds ").append(lock).append('\n'));
			}
			System.err.println(report);
		}
		throw failure;
	}

	private static Map<Long, Long> cpuTimes(ThreadMXBean threads) {
		Map<Long, Long> times = new HashMap<>();
		if (threads.isThreadCpuTimeSupported()) {
			for (long id : threads.getAllThreadIds()) {
				times.put(id, threads.getThreadCpuTime(id));
			}
		}
		return times;
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
