package org.drugsandcrime.blog.core.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * The one rule for forwarded headers in both apps. {@code Forwarded} and {@code X-Forwarded-*} are believed only
 * when the direct peer is a configured proxy ({@code blog.proxy.trusted}); from anyone else they are removed
 * unread, so nobody can claim another address or https by sending them. WebFlux applies it to the request before
 * the exchange exists, so the session cookie's Secure flag, Spring Security's HSTS header and every limit keyed
 * on {@code getRemoteAddress()} see what the proxy saw.
 *
 * <p>
 * The client is the right-most address of the chain that is not a trusted proxy: each proxy appends the peer it
 * saw, so entries to the left of that one were written by the client and prove nothing. A proxy that speaks
 * {@code X-Forwarded-*} says nothing about {@code Forwarded}, so when both arrive the {@code Forwarded} one is the
 * client's own and is dropped. {@code X-Forwarded-Prefix} is never honoured: the apps are not served under a path.
 */
final class TrustedProxies extends ForwardedHeaderTransformer {

	private static final List<String> HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
			"X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Ssl");

	private final List<AddressRange> proxies;

	TrustedProxies(List<String> trusted) {
		this.proxies = trusted.stream().map(AddressRange::parse).toList();
	}

	@Override
	public ServerHttpRequest apply(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		if (HEADERS.stream().noneMatch(headers::containsHeader)) {
			return request;
		}
		InetSocketAddress peer = request.getRemoteAddress();
		if (peer == null || peer.getAddress() == null || !trusted(peer.getAddress())) {
			return request.mutate().headers(all -> HEADERS.forEach(all::remove)).build();
		}
		boolean speaksXForwarded = HEADERS.stream().filter(name -> name.startsWith("X-")).anyMatch(headers::containsHeader);
		ServerHttpRequest own = request.mutate().headers(all -> {
			all.remove("X-Forwarded-Prefix");
			if (speaksXForwarded) {
				all.remove("Forwarded");
			}
		}).build();
		InetSocketAddress client = client(own.getHeaders(), peer);
		return super.apply(own).mutate().remoteAddress(client).build();
	}

	private InetSocketAddress client(HttpHeaders headers, InetSocketAddress peer) {
		List<String> hops = headers.containsHeader("Forwarded") ? forwardedFor(headers.getValuesAsList("Forwarded"))
				: headers.getValuesAsList("X-Forwarded-For");
		for (int i = hops.size() - 1; i >= 0; i--) {
			Optional<InetAddress> hop = IpLiteral.parseHop(hops.get(i));
			if (hop.isEmpty()) {
				// "unknown", an obfuscated name or garbage: the proxy's own address is all that is known.
				return peer;
			}
			if (i == 0 || !trusted(hop.get())) {
				return new InetSocketAddress(hop.get(), 0);
			}
		}
		return peer;
	}

	/** The {@code for=} parameter of each element of RFC 7239 {@code Forwarded}, in order. */
	private static List<String> forwardedFor(List<String> elements) {
		List<String> hops = new ArrayList<>();
		for (String element : elements) {
			String value = "";
			for (String pair : element.split(";")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
					value = pair.substring(equals + 1);
				}
			}
			hops.add(value);
		}
		return hops;
	}

	private boolean trusted(InetAddress address) {
		return proxies.stream().anyMatch(range -> range.contains(address));
	}
}
