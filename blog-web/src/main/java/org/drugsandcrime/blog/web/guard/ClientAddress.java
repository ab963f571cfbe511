package org.drugsandcrime.blog.web.guard;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, as rate limits count it. Forwarded headers are not trusted here: a proxy in
 * front of the site must be configured to rewrite the remote address (server.forward-headers-strategy).
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static String of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
	}
}
