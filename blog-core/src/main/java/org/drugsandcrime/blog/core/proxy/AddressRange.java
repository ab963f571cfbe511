package org.drugsandcrime.blog.core.proxy;

import java.net.InetAddress;

/** One entry of {@code blog.proxy.trusted}: an address, or a CIDR range such as {@code 10.0.0.0/8}. */
final class AddressRange {

	private final byte[] network;

	private final int prefix;

	private AddressRange(byte[] network, int prefix) {
		this.network = network;
		this.prefix = prefix;
	}

	static AddressRange parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		InetAddress address = IpLiteral.parse(slash < 0 ? value : value.substring(0, slash))
			.orElseThrow(() -> invalid(text));
		int bits = address.getAddress().length * 8;
		int prefix = bits;
		if (slash >= 0) {
			String length = value.substring(slash + 1);
			if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
				throw invalid(text);
			}
			prefix = Integer.parseInt(length);
			if (prefix > bits) {
				throw invalid(text);
			}
		}
		return new AddressRange(address.getAddress(), prefix);
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != network.length) {
			return false;
		}
		int whole = prefix / 8;
		for (int i = 0; i < whole; i++) {
			if (candidate[i] != network[i]) {
				return false;
			}
		}
		int rest = prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (candidate[whole] & mask) == (network[whole] & mask);
	}

	private static IllegalArgumentException invalid(String text) {
		return new IllegalArgumentException("blog.proxy.trusted (BLOG_TRUSTED_PROXIES): '" + text
				+ "' is not an IP address or a CIDR range such as 10.0.0.0/8 (host names are not looked up)");
	}
}
