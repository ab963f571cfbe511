package org.drugsandcrime.blog.admin.subscriber;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.core.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing a list of subscribers from the portal: the report, no mail until asked, who may, and files refused. */
@PortalTest
class SubscriberImportScreenTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	DatabaseClient database;

	Subscribers subscribers;

	@BeforeEach
	void setUp() {
		subscribers = new Subscribers(database);
	}

	@AfterEach
	void tearDown() {
		subscribers.unsubscribeAll();
	}

	@Test
	void anEditorImportsAListSeesTheReportAndOnlyThenAsksTheUnconfirmed() {
		String confirmed = subscribers.newAddress("confirmed");
		String waiting = subscribers.newAddress("waiting");
		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		String csv = "Email Address,Name,Confirmed\r\n" + confirmed + ",Carol,yes\r\n" + waiting + ",Wes,no\r\n"
				+ "not an address,Nobody,yes\r\n";

		String report = editor.postMultipart("/subscribers/import", upload(editor, "list.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(report).contains("<h1>Subscribers imported</h1>").contains("Nobody was mailed.")
			.containsPattern("Imported as confirmed</th><td>1<")
			.containsPattern("Imported, waiting for confirmation</th><td>1<")
			.containsPattern("Not imported</th><td>1<")
			.contains("<td data-label=\"Line\">4</td>")
			.contains("Ask ");
		assertThat(outbox(confirmed, waiting)).as("an import mails nobody").isEmpty();
		assertThat(editor.page("/subscribers")).contains("imported subscribers have not confirmed");

		String location = editor.post("/subscribers/ask-imported").expectStatus().is3xxRedirection()
			.expectBody(String.class).returnResult().getResponseHeaders().getLocation().toString();

		assertThat(editor.page(location)).contains(" to confirm; the mails are on their way.");
		assertThat(outbox(confirmed, waiting)).containsExactly(waiting);
		assertThat(editor.page(editor.post("/subscribers/ask-imported").expectStatus().is3xxRedirection()
			.expectBody(String.class).returnResult().getResponseHeaders().getLocation().toString()))
			.contains("Nobody to ask");
		assertThat(outbox(confirmed, waiting)).as("asked once").containsExactly(waiting);
	}

	@Test
	void anAdminMayImportAndAnAuthorMayNeitherImportNorAsk() {
		Portal admin = Portal.signIn(web, staff.create(Role.ADMIN));
		String address = subscribers.newAddress("by.admin");
		admin.postMultipart("/subscribers/import", upload(admin, "a.csv", (address + "\n").getBytes(StandardCharsets.UTF_8)))
			.expectStatus().isOk();
		assertThat(subscribers.exists(address)).isTrue();

		Portal author = Portal.signIn(web, staff.create(Role.AUTHOR));
		String refused = subscribers.newAddress("by.author");
		author.postMultipart("/subscribers/import", upload(author, "a.csv", (refused + "\n").getBytes(StandardCharsets.UTF_8)))
			.expectStatus().isForbidden();
		author.post("/subscribers/ask-imported").expectStatus().isForbidden();
		assertThat(subscribers.exists(refused)).isFalse();
	}

	@Test
	void aFileThatIsNotAListIsRefusedWithItsReasonNeverA500() {
		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) 0xff };
		assertThat(refused(editor, upload(editor, "photo.csv", png), HttpStatus.BAD_REQUEST))
			.contains("not a CSV text file").contains("Nothing was imported.");

		byte[] longLine = ("email\n" + "x".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8);
		assertThat(refused(editor, upload(editor, "long.csv", longLine), HttpStatus.BAD_REQUEST))
			.contains("Line 2 is longer than");

		MultipartBodyBuilder noFile = new MultipartBodyBuilder();
		noFile.part("_csrf", editor.csrfToken());
		assertThat(refused(editor, noFile.build(), HttpStatus.BAD_REQUEST)).contains("Choose a CSV file");

		byte[] huge = new byte[11 * 1024 * 1024];
		Arrays.fill(huge, (byte) 'a');
		assertThat(refused(editor, upload(editor, "huge.csv", huge), HttpStatus.CONTENT_TOO_LARGE))
			.contains("a list of subscribers may be at most 10 MB");
	}

	private static String refused(Portal portal, MultiValueMap<String, HttpEntity<?>> parts, HttpStatus status) {
		return portal.postMultipart("/subscribers/import", parts)
			.expectStatus().isEqualTo(status)
			.expectBody(String.class).returnResult().getResponseBody();
	}

	private static MultiValueMap<String, HttpEntity<?>> upload(Portal portal, String name, byte[] bytes) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		parts.part("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return name;
			}
		}).contentType(org.springframework.http.MediaType.parseMediaType("text/csv"));
		return parts.build();
	}

	private List<String> outbox(String... addresses) {
		return database.sql("SELECT recipient FROM mail_outbox WHERE lower(recipient) = ANY(:addresses) ORDER BY id")
			.bind("addresses", Arrays.stream(addresses).map(String::toLowerCase).toArray(String[]::new))
			.map((row, meta) -> row.get("recipient", String.class))
			.all()
			.collectList()
			.block();
	}
}
