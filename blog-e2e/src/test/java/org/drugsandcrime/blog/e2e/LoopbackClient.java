package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser at one loopback address (127.0.0.2, 127.0.0.3, ...: all of 127/8 is this machine), speaking plain
 * HTTP/1.1 over sockets bound to it, so a server or a proxy sees distinct clients. Keeps the cookies it is given;
 * redirects are not followed.
 */
final class LoopbackClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String address;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	LoopbackClient(String address) {
		this.address = address;
	}

	record Answer(int status, List<String> headers, String body) {

		List<String> headers(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map(line -> line.substring(prefix.length()).strip()).toList();
		}

		String location() {
			return headers("Location").stream().findFirst().orElse("");
		}

		/** The Set-Cookie line that sets {@code name}, or an empty string. */
		String setCookie(String name) {
			return headers("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "=")).findFirst().orElse("");
		}

		String csrfToken() {
			Matcher matcher = CSRF.matcher(body);
			if (!matcher.find()) {
				throw new AssertionError("No CSRF token on the page:\n" + body);
			}
			return matcher.group(1);
		}
	}

	Answer get(int port, String path, String... headers) {
		return send(port, "GET " + path, headers, null);
	}

	Answer post(int port, String path, Map<String, String> form, String... headers) {
		StringJoiner body = new StringJoiner("&");
		form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return send(port, "POST " + path, headers, body.toString());
	}

	/** Opens the login page and sends the form with its token, as a browser would. */
	Answer signIn(int port, String email, String password, String... headers) {
		String token = get(port, "/login", headers).csrfToken();
		return post(port, "/login", Map.of("username", email, "password", password, "_csrf", token), headers);
	}

	private Answer send(int port, String requestLine, String[] headers, String form) {
		StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost:").append(port)
			.append("\r\nConnection: close\r\nAccept: text/html\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		if (!cookies.isEmpty()) {
			StringJoiner jar = new StringJoiner("; ");
			cookies.forEach((name, value) -> jar.add(name + "=" + value));
			head.append("Cookie: ").append(jar).append("\r\n");
		}
		byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
		if (form != null) {
			head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(address, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.UTF_8));
			out.write(body);
			out.flush();
			Answer answer = parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
			for (String cookie : answer.headers("Set-Cookie")) {
				String pair = cookie.split(";", 2)[0];
				int equals = pair.indexOf('=');
				String name = pair.substring(0, equals).strip();
				String value = pair.substring(equals + 1).strip();
				if (value.isEmpty() || cookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
					cookies.remove(name);
				}
				else {
					cookies.put(name, value);
				}
			}
			return answer;
		}
		catch (IOException ex) {
			throw new IllegalStateException(address + " -> 127.0.0.1:" + port + ": " + ex, ex);
		}
	}

	private static Answer parse(String raw) {
		int blank = raw.indexOf("\r\n\r\n");
		if (!raw.startsWith("HTTP/1.1 ") || blank < 0) {
			throw new AssertionError("Not an HTTP answer:\n" + raw);
		}
		List<String> lines = new ArrayList<>(List.of(raw.substring(0, blank).split("\r\n")));
		int status = Integer.parseInt(lines.remove(0).substring(9, 12));
		String body = raw.substring(blank + 4);
		boolean chunked = lines.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
				&& line.toLowerCase(Locale.ROOT).contains("chunked"));
		if (chunked) {
			StringBuilder joined = new StringBuilder();
			int at = 0;
			while (true) {
				int end = body.indexOf("\r\n", at);
				int size = end < 0 ? 0 : Integer.parseInt(body.substring(at, end).split(";")[0].strip(), 16);
				if (size == 0 || end + 2 + size > body.length()) {
					break;
				}
				joined.append(body, end + 2, end + 2 + size);
				at = end + 2 + size + 2;
			}
			body = joined.toString();
		}
		return new Answer(status, lines, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
	}
}
