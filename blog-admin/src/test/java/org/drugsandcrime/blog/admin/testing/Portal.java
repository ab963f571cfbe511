package org.drugsandcrime.blog.admin.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * A browser's view of the portal over real HTTP: it keeps the session cookie the server sets and sends back
 * the CSRF token the pages carry, exactly as a signed-in member of staff would.
 */
public final class Portal {

	public static final String SESSION_COOKIE = "BLOG_ADMIN_SESSION";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final WebTestClient web;

	/** Every cookie the portal set and has not cleared: the session, and before signing in the CSRF cookie. */
	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	private String csrf;

	private Portal(WebTestClient web) {
		this.web = web.mutate().filter((request, next) -> {
			ClientRequest withCookies = cookies.isEmpty() ? request
					: ClientRequest.from(request).cookies(sent -> cookies.forEach(sent::set)).build();
			return next.exchange(withCookies).doOnNext(response -> response.cookies().forEach((name, set) -> {
				ResponseCookie cookie = set.get(set.size() - 1);
				if (cookie.getValue().isEmpty() || cookie.getMaxAge().isZero()) {
					cookies.remove(name);
				}
				else {
					cookies.put(name, cookie.getValue());
				}
			}));
		}).build();
	}

	/** An anonymous visitor who has opened the login page: a token (in a cookie, not a session), nobody signed in. */
	public static Portal anonymous(WebTestClient web) {
		Portal portal = new Portal(web);
		String html = portal.get("/login").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		portal.csrf = token(html);
		return portal;
	}

	public static Portal signIn(WebTestClient web, StaffUser user) {
		return signIn(web, user.email(), StaffMembers.PASSWORD);
	}

	public static Portal signIn(WebTestClient web, String email, String password) {
		Portal portal = anonymous(web);
		portal.submitLogin(email, password).expectStatus().is3xxRedirection().expectHeader().location("/");
		String html = portal.get("/posts/new").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		portal.csrf = token(html);
		return portal;
	}

	/**
	 * Signs in with a second factor ({@code code}: a one-time code or a recovery code; {@code null} for none) and takes
	 * the token from {@code /account}, the one screen an admin who must still turn on two-factor sign-in may open.
	 */
	public static Portal signIn(WebTestClient web, String email, String password, String code) {
		Portal portal = anonymous(web);
		portal.post("/login", form("username", email, "password", password, "code", code == null ? "" : code))
			.expectStatus().is3xxRedirection().expectHeader().location("/");
		portal.csrf = token(portal.page("/account"));
		return portal;
	}

	public WebTestClient.ResponseSpec submitLogin(String email, String password) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", email);
		form.add("password", password);
		return post("/login", form);
	}

	public WebTestClient.ResponseSpec get(String path) {
		return web.get().uri(path).exchange();
	}

	/** A GET of exactly this address, sent as written (no encoding of its path), with this session. */
	public WebTestClient.ResponseSpec get(java.net.URI uri, String headerName, String headerValue) {
		WebTestClient.RequestHeadersSpec<?> request = web.get().uri(uri);
		if (headerName != null) {
			request = request.header(headerName, headerValue);
		}
		return request.exchange();
	}

	/** Posts a form with this session's CSRF token. */
	public WebTestClient.ResponseSpec post(String path, MultiValueMap<String, String> form) {
		MultiValueMap<String, String> withToken = new LinkedMultiValueMap<>(form);
		if (csrf != null) {
			withToken.set("_csrf", csrf);
		}
		return postWithoutToken(path, withToken);
	}

	/** Posts a form with this session's CSRF token to exactly this address, sent as written (no encoding of its path). */
	public WebTestClient.ResponseSpec post(java.net.URI uri, MultiValueMap<String, String> form) {
		MultiValueMap<String, String> withToken = new LinkedMultiValueMap<>(form);
		if (csrf != null) {
			withToken.set("_csrf", csrf);
		}
		return web.post().uri(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(withToken)).exchange();
	}

	public WebTestClient.ResponseSpec post(String path, String... namesAndValues) {
		return post(path, form(namesAndValues));
	}

	public WebTestClient.ResponseSpec postWithoutToken(String path, MultiValueMap<String, String> form) {
		return web.post()
			.uri(path)
			
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	/** Posts a multipart form (an upload) with this session's CSRF token as its first part. */
	public WebTestClient.ResponseSpec postMultipart(String path, MultiValueMap<String, ?> parts) {
		return web.post()
			.uri(path)
			
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts))
			.exchange();
	}

	/** Takes the CSRF token from the page at {@code path}, as after signing in (which gives the session a new one). */
	public void readToken(String path) {
		csrf = token(page(path));
	}

	public String csrfToken() {
		return csrf;
	}

	/** The session cookie's value, for a request this client cannot make (a raw socket, a body that streams). */
	public String session() {
		return cookies.get(SESSION_COOKIE);
	}

	public String page(String path) {
		return get(path).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

	public static MultiValueMap<String, String> form(String... namesAndValues) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			form.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return form;
	}

	private static String token(String html) {
		Matcher matcher = CSRF.matcher(html == null ? "" : html);
		if (!matcher.find()) {
			throw new AssertionError("The page carries no CSRF token:\n" + html);
		}
		return matcher.group(1);
	}
}
