package org.drugsandcrime.blog.web.guard;

import java.net.URI;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * OWASP's header-based defence against cross-site form posts, for a site that keeps no session and so has no
 * per-visitor token: browsers say where a request comes from in {@code Sec-Fetch-Site}, older ones in
 * {@code Origin}. A request with neither is not from a browser page, so it cannot carry a reader's browser
 * into posting something they did not mean to.
 */
public final class CrossSitePosts {

	private CrossSitePosts() {
	}

	public static boolean isCrossSite(ServerHttpRequest request) {
		String site = request.getHeaders().getFirst("Sec-Fetch-Site");
		if (site != null) {
			return !site.equals("same-origin") && !site.equals("none");
		}
		String origin = request.getHeaders().getOrigin();
		if (origin == null) {
			return false;
		}
		URI own = request.getURI();
		try {
			URI from = URI.create(origin);
			return from.getHost() == null || !from.getHost().equalsIgnoreCase(own.getHost()) || port(from) != port(own);
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}
}
