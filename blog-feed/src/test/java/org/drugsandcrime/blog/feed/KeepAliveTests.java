package org.drugsandcrime.blog.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader's browser or a feed reader keeps its connection open and may send the next request before the last
 * answer is out. Every request on such a connection is answered: Reactor Netty 1.3.6 stopped reading a connection
 * when a queued request was answered at once, so the request after it waited until the client gave up
 * (reactor/reactor-netty#4361), which is how a sitemap request of SitemapTests went unanswered about once in
 * twenty runs.
 */
@FeedTest
class KeepAliveTests {

	/** Far beyond any answer here; reached only by a request the server never reads. */
	private static final int NEVER_ANSWERED_MILLIS = 15_000;

	@LocalServerPort
	int port;

	@Test
	void aRequestAfterTwoThatArrivedTogetherIsAnswered() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(NEVER_ANSWERED_MILLIS);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			// The first asks the database, the second is refused at once: the second waits in the server's queue.
			out.write((get("/sitemaps/posts-999.xml") + get("/sitemaps/other.xml")).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(statusLine(in)).isEqualTo("HTTP/1.1 404 Not Found");
			assertThat(statusLine(in)).isEqualTo("HTTP/1.1 404 Not Found");
			out.write(get("/robots.txt").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(statusLine(in)).isEqualTo("HTTP/1.1 200 OK");
		}
	}

	private static String get(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n";
	}

	/** Reads one whole response (its body by length or in chunks) and returns its status line. */
	private static String statusLine(InputStream in) throws IOException {
		String status = line(in);
		long length = 0;
		boolean chunked = false;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(header.substring("content-length:".length()).strip());
			}
			chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
		}
		if (chunked) {
			for (long size = Long.parseLong(line(in).strip(), 16); size > 0; size = Long.parseLong(line(in).strip(), 16)) {
				in.readNBytes((int) size);
				line(in);
			}
			line(in);
		}
		else {
			in.readNBytes((int) length);
		}
		return status;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("The server closed the connection");
			}
			if (b != '\r') {
				bytes.write(b);
			}
		}
		return bytes.toString(StandardCharsets.US_ASCII);
	}
}
