package org.drugsandcrime.blog.admin.wordpress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.wordpress.importing.WordPressImport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import upload larger than {@code blog.wordpress.max-upload-size} (3 MB in tests) is refused with a 413 page that
 * says why, and nothing is stored or started: at once when the request states its length (a 2 GB upload is refused
 * before a byte of it is read, so the test sends only its first bytes), and where it passes the limit when it comes
 * in chunks without a length. The media library's smaller limit does not apply to imports.
 */
@PortalTest
class ImportUploadLimitTests {

	static final String BOUNDARY = "import-boundary";

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	WordPressImport imports;

	@LocalServerPort
	int port;

	Portal admin;

	@BeforeEach
	void signIn() {
		admin = Portal.signIn(web, staff.create(Role.ADMIN));
	}

	@Test
	void aTwoGigabyteUploadIsRefusedFromItsLengthBeforeItsBodyIsRead() throws IOException {
		long runs = runs();
		List<Path> folders = ImportScreensTests.importFolders();
		String head = "POST /wordpress/imports HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
				+ "Cookie: " + Portal.SESSION_COOKIE + "=" + admin.session() + "\r\n"
				+ "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
				+ "Content-Length: " + (2L * 1024 * 1024 * 1024) + "\r\n\r\n";
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(opening(admin.csrfToken()).getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).startsWith("HTTP/1.1 413 ");
			StringBuilder page = new StringBuilder();
			for (String line = in.readLine(); line != null && !line.contains("</html>"); line = in.readLine()) {
				page.append(line).append('\n');
			}
			assertThat(page).contains("The upload is larger than 3 MB").contains("Nothing was stored and nothing was imported")
				.contains("import-wordpress");
		}
		assertThat(runs()).isEqualTo(runs);
		assertThat(folders).containsAll(ImportScreensTests.importFolders());
	}

	@Test
	void anUploadInChunksIsStoppedWhereItPassesTheLimit() throws Exception {
		long runs = runs();
		List<Path> folders = ImportScreensTests.importFolders();
		String head = "POST /wordpress/imports HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
				+ "Cookie: " + Portal.SESSION_COOKIE + "=" + admin.session() + "\r\n"
				+ "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n";
		byte[] filler = "<!-- filler -->\n".repeat(4096).getBytes(StandardCharsets.US_ASCII);
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			// 5 MB of export in 64 KB chunks with no length stated, only counting can stop it. It is sent while the
			// answer is read: the server answers, and stops reading, before the upload is through.
			Thread sender = new Thread(() -> {
				try {
					out.write(head.getBytes(StandardCharsets.US_ASCII));
					chunk(out, opening(admin.csrfToken()).getBytes(StandardCharsets.UTF_8));
					for (int i = 0; i < 80; i++) {
						chunk(out, filler);
					}
					chunk(out, ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
				}
				catch (IOException stopped) {
					// The server closed the connection on the rest of the upload, as it should.
				}
			});
			sender.start();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).startsWith("HTTP/1.1 413 ");
			StringBuilder page = new StringBuilder();
			for (String line = in.readLine(); line != null && !line.contains("</html>"); line = in.readLine()) {
				page.append(line).append('\n');
			}
			assertThat(page).contains("The upload is larger than 3 MB");
			socket.close();
			sender.join(30_000);
		}
		assertThat(runs()).isEqualTo(runs);
		assertThat(folders).containsAll(ImportScreensTests.importFolders());
	}

	private static void chunk(OutputStream out, byte[] bytes) throws IOException {
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void anExportLargerThanAnImageButWithinTheImportLimitIsNotRefusedForItsSize() {
		// 2 MB: under the import's 3 MB. The media library's limit (10 MB in tests) would not show this, so the
		// import's own reader is checked by what it lets through: the upload reaches the import, not a 413.
		byte[] export = ("<?xml version=\"1.0\"?>\n<rss>" + "<!-- filler -->\n".repeat(128 * 1024) + "</rss>")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(export.length).isBetween(2 * 1024 * 1024, 3 * 1024 * 1024);
		org.springframework.http.client.MultipartBodyBuilder parts = new org.springframework.http.client.MultipartBodyBuilder();
		parts.part("_csrf", admin.csrfToken());
		parts.part("file", new org.springframework.core.io.ByteArrayResource(export) {
			@Override
			public String getFilename() {
				return "big.xml";
			}
		});
		admin.postMultipart(WordPressController.IMPORTS, parts.build())
			.expectStatus().value(status -> assertThat(status).isNotEqualTo(413).isLessThan(500));
	}

	private static String opening(String csrf) {
		return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
				+ "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.xml\"\r\n"
				+ "Content-Type: application/xml\r\n\r\n<?xml version=\"1.0\"?>\n";
	}

	private long runs() {
		return imports.recent().count().block();
	}
}
