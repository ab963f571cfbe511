package org.drugsandcrime.blog.wordpress.wxr;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class WxrReaderSecurityTests {

	private static final String REFUSED = "This file is not a WordPress export: it declares a document type";

	@Test
	void entityExpansionIsRefusedAtOnce() {
		StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n");
		for (int i = 1; i <= 9; i++) {
			laughs.append("<!ENTITY lol").append(i).append(" \"");
			laughs.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
		}
		laughs.append("]>\n").append(WxrReaderTests.wxr("1.2", WxrReaderTests.item("<title>&lol9;</title>"))
			.replaceFirst("<\\?xml[^>]*>", ""));

		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
				() -> WxrReaderTests.readAll(laughs.toString()))
			.isInstanceOf(WxrException.class)
			.hasMessageStartingWith(REFUSED));
	}

	@Test
	void anExternalEntityNamingALocalFileIsRefusedWithNothingOfTheFileInTheAnswer(@TempDir Path folder)
			throws IOException {
		Path secret = folder.resolve("passwd");
		Files.writeString(secret, "root:x:0:0:secret-marker:/root:/bin/bash\n");
		String file = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
				+ WxrReaderTests.wxr("1.2", WxrReaderTests.item("<content:encoded>&xxe;</content:encoded>"))
					.replaceFirst("<\\?xml[^>]*>", "");

		assertThatThrownBy(() -> WxrReaderTests.readAll(file)).isInstanceOf(WxrException.class)
			.hasMessageStartingWith(REFUSED)
			.satisfies(refusal -> assertThat(fullText(refusal)).doesNotContain("secret-marker"));
	}

	@Test
	void externalEntitiesAndDocumentTypesAreNeverFetched() throws IOException {
		AtomicInteger requests = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			byte[] body = "<!ENTITY leak \"fetched\">".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"" + base + "/rss.dtd\">\n"
					+ WxrReaderTests.wxr("1.2", "").replaceFirst("<\\?xml[^>]*>", "");
			String parameter = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY % remote SYSTEM \"" + base
					+ "/p.dtd\"> %remote;]>\n" + WxrReaderTests.wxr("1.2", "").replaceFirst("<\\?xml[^>]*>", "");

			assertThatThrownBy(() -> WxrReaderTests.readAll(external)).hasMessageStartingWith(REFUSED);
			assertThatThrownBy(() -> WxrReaderTests.readAll(parameter)).hasMessageStartingWith(REFUSED);
			assertThat(requests).hasValue(0);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aTextOfGigabytesIsRefusedOnceItPassesTheLimitWithoutReadingTheRest() {
		byte[] head = WxrReaderTests.wxr("1.2", WxrReaderTests.item("<content:encoded><![CDATA[")).split("<!\\[CDATA\\[")[0]
			.concat("<![CDATA[")
			.getBytes(StandardCharsets.UTF_8);
		long textLength = 2L << 30;
		AtomicLong served = new AtomicLong();
		InputStream huge = new InputStream() {
			@Override
			public int read() {
				byte[] one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0];
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				long at = served.get();
				if (at >= head.length + textLength) {
					return -1;
				}
				int n = (int) Math.min(length, head.length + textLength - at);
				for (int i = 0; i < n; i++) {
					buffer[offset + i] = at + i < head.length ? head[(int) (at + i)] : (byte) 'x';
				}
				served.addAndGet(n);
				return n;
			}
		};

		assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> {
			try (WxrReader reader = WxrReader.open(huge)) {
				while (reader.next() != null) {
					// reading on to the refusal
				}
			}
		}).isInstanceOf(WxrException.class)
			.hasMessageContaining("<content:encoded> at line")
			.hasMessageContaining("longer than 16 million characters"));
		assertThat(served.get()).isLessThan(WxrReader.MAX_TEXT + (1L << 20));
	}

	private static String fullText(Throwable refusal) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
			text.append(cause.getMessage()).append('\n');
		}
		return text.toString();
	}
}
