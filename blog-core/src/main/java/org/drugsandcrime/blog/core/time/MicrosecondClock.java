package org.drugsandcrime.blog.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The system clock read to the microsecond, the precision of PostgreSQL's timestamps: a time read back from the
 * database compares equal to the one written, so "published at now" is never rounded into the future.
 * Not {@code Clock.tick(…, 1 µs)}: the JDK's tick clock computes {@link #millis()} by dividing by its tick in
 * milliseconds, which is zero for a microsecond, so every caller of {@code millis()} got an ArithmeticException.
 */
public final class MicrosecondClock extends Clock {

	private final Clock system;

	public MicrosecondClock(Clock system) {
		this.system = system;
	}

	@Override
	public Instant instant() {
		return system.instant().truncatedTo(ChronoUnit.MICROS);
	}

	@Override
	public long millis() {
		return system.millis();
	}

	@Override
	public ZoneId getZone() {
		return system.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MicrosecondClock(system.withZone(zone));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MicrosecondClock clock && clock.system.equals(system);
	}

	@Override
	public int hashCode() {
		return system.hashCode() + 1;
	}

	@Override
	public String toString() {
		return "MicrosecondClock[" + system + "]";
	}
}
