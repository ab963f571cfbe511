package org.drugsandcrime.blog.core.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IP address written out, read without ever asking DNS: forwarded headers come from the network, and a name
 * in them must not make the app look anything up.
 */
final class IpLiteral {

	private IpLiteral() {
	}

	static Optional<InetAddress> parse(String text) {
		String value = text.strip();
		if (value.indexOf(':') >= 0) {
			return ipv6(value);
		}
		return ipv4(value);
	}

	/**
	 * An address as forwarded headers write it: IPv6 may be bracketed, and either may carry a port
	 * ({@code [2001:db8::1]:4711}, {@code 192.0.2.7:5000}), and {@code Forwarded} quotes it.
	 */
	static Optional<InetAddress> parseHop(String text) {
		String value = text.strip();
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1).strip();
		}
		if (value.startsWith("[")) {
			int end = value.indexOf(']');
			return end < 0 ? Optional.empty() : ipv6(value.substring(1, end));
		}
		int colon = value.indexOf(':');
		if (colon >= 0 && colon == value.lastIndexOf(':')) {
			return ipv4(value.substring(0, colon));
		}
		return parse(value);
	}

	private static Optional<InetAddress> ipv4(String value) {
		String[] parts = value.split("\\.", -1);
		if (parts.length != 4) {
			return Optional.empty();
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
				return Optional.empty();
			}
			int octet = Integer.parseInt(parts[i]);
			if (octet > 255) {
				return Optional.empty();
			}
			bytes[i] = (byte) octet;
		}
		try {
			return Optional.of(InetAddress.getByAddress(bytes));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

	/** The JDK reads text with a colon as an IPv6 literal and never as a host name; only hex, colons and dots pass. */
	private static Optional<InetAddress> ipv6(String value) {
		if (value.isEmpty() || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(value));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}
}
