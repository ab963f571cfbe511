package org.drugsandcrime.blog.web.cache;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Which query parameters each address of the site reads, and so which belong in its cache key: exactly those
 * its handler declares with {@code @RequestParam} ({@code q} and {@code page} for search, {@code comment} for a
 * post, {@code token} for the token pages). Anything else in a query string changes nothing on the page, so
 * {@code /sitemaps/posts-1.xml?x=1} and {@code ?x=2} are one entry, not one render and one megabyte each.
 *
 * <p>Read from the controllers themselves, so a parameter added to a handler joins its key without a second
 * list to keep in step. The feeds and sitemaps (router functions) read no parameters. A handler that takes a
 * whole map of parameters or binds a {@code @ModelAttribute} object keeps the entire query in its key.
 */
@Component
class RouteParameters {

	/** Stands for "every parameter": a handler reads more than it names. */
	private static final String ALL = "*";

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	private volatile List<Route> routes;

	RouteParameters(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	/** The cache key: the path as sent, then the parameters the route reads, all their values, in the request's order. */
	String key(ServerHttpRequest request) {
		String path = request.getURI().getRawPath();
		if (request.getURI().getRawQuery() == null) {
			return path;
		}
		Set<String> read = read(request.getPath().pathWithinApplication());
		if (read.contains(ALL)) {
			return path + "?" + request.getURI().getRawQuery();
		}
		MultiValueMap<String, String> parameters;
		try {
			parameters = request.getQueryParams();
		}
		catch (IllegalArgumentException ex) {
			// A broken escape (%zz): the handler answers it as it would anyway, with nothing left out of its key.
			return path + "?" + request.getURI().getRawQuery();
		}
		StringBuilder key = new StringBuilder(path);
		char separator = '?';
		for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
			if (!read.contains(parameter.getKey())) {
				continue;
			}
			for (String value : parameter.getValue()) {
				key.append(separator).append(encode(parameter.getKey())).append('=').append(encode(value == null ? "" : value));
				separator = '&';
			}
		}
		return key.toString();
	}

	/** The parameters read at {@code path}: the union over every GET handler whose pattern matches it. */
	Set<String> read(PathContainer path) {
		Set<String> read = new LinkedHashSet<>();
		for (Route route : routes()) {
			if (route.pattern().matches(path)) {
				read.addAll(route.parameters());
			}
		}
		return read;
	}

	private List<Route> routes() {
		List<Route> known = routes;
		if (known == null) {
			known = routesOf(mappings.getObject().getHandlerMethods());
			routes = known;
		}
		return known;
	}

	private static List<Route> routesOf(Map<RequestMappingInfo, HandlerMethod> handlers) {
		List<Route> routes = new ArrayList<>();
		DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
		handlers.forEach((info, handler) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (!methods.isEmpty() && !methods.contains(RequestMethod.GET) && !methods.contains(RequestMethod.HEAD)) {
				return;
			}
			Set<String> parameters = new LinkedHashSet<>();
			for (MethodParameter parameter : handler.getMethodParameters()) {
				parameter.initParameterNameDiscovery(names);
				RequestParam named = parameter.getParameterAnnotation(RequestParam.class);
				if (named != null) {
					boolean whole = named.name().isEmpty() && Map.class.isAssignableFrom(parameter.getParameterType());
					parameters.add(whole ? ALL : named.name().isEmpty() ? parameter.getParameterName() : named.name());
				}
				else if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
					parameters.add(ALL);
				}
			}
			for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
				routes.add(new Route(pattern, Set.copyOf(parameters)));
			}
		});
		return List.copyOf(routes);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private record Route(PathPattern pattern, Set<String> parameters) {
	}
}
