package org.drugsandcrime.blog.web.guard;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, as rate limits count it: the client a trusted proxy names, else the peer
 * (blog-core's {@code proxy.TrustedProxies} has already decided which before any handler runs).
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static String of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
	}
}
