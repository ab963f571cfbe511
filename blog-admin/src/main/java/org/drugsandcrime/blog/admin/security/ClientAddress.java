package org.drugsandcrime.blog.admin.security;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/** The address sign-in limits and events key on: the request's remote address (a trusted proxy's forwarded one). */
final class ClientAddress {

	private ClientAddress() {
	}

	static String of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
	}
}
