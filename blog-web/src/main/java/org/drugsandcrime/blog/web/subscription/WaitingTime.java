package org.drugsandcrime.blog.web.subscription;

import java.time.Duration;

/** A wait as a reader says it: "10 minutes", "1 hour", "23 hours"; rounded up, since sooner would be refused. */
final class WaitingTime {

	private WaitingTime() {
	}

	static String of(Duration wait) {
		long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
		if (minutes < 120) {
			return minutes + (minutes == 1 ? " minute" : " minutes");
		}
		long hours = (minutes + 59) / 60;
		return hours + " hours";
	}
}
