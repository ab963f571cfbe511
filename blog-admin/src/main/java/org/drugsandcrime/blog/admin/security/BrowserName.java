package org.drugsandcrime.blog.admin.security;

/**
 * A browser in a few words ("Firefox on Linux"), from its User-Agent header, for the list of signed-in sessions.
 * Enough for staff to tell their laptop from their phone; the header is the browser's own claim, so it names
 * nothing with certainty and is never used to decide anything.
 */
final class BrowserName {

	private BrowserName() {
	}

	static String of(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown browser";
		}
		String browser = browser(userAgent);
		String system = system(userAgent);
		return system == null ? browser : browser + " on " + system;
	}

	// Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
	private static String browser(String agent) {
		if (agent.contains("Edg/") || agent.contains("EdgA/") || agent.contains("EdgiOS/")) {
			return "Edge";
		}
		if (agent.contains("OPR/") || agent.contains("Opera")) {
			return "Opera";
		}
		if (agent.contains("Firefox/") || agent.contains("FxiOS/")) {
			return "Firefox";
		}
		if (agent.contains("Chrome/") || agent.contains("Chromium/") || agent.contains("CriOS/")) {
			return "Chrome";
		}
		if (agent.contains("Safari/")) {
			return "Safari";
		}
		if (agent.startsWith("curl/")) {
			return "curl";
		}
		return "Other browser";
	}

	private static String system(String agent) {
		if (agent.contains("iPhone")) {
			return "iPhone";
		}
		if (agent.contains("iPad")) {
			return "iPad";
		}
		if (agent.contains("Android")) {
			return "Android";
		}
		if (agent.contains("Windows")) {
			return "Windows";
		}
		if (agent.contains("Mac OS X") || agent.contains("Macintosh")) {
			return "macOS";
		}
		if (agent.contains("CrOS")) {
			return "ChromeOS";
		}
		if (agent.contains("Linux")) {
			return "Linux";
		}
		return null;
	}
}
