package org.drugsandcrime.blog.core.subscription;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.drugsandcrime.blog.core.subscription.SubscriberImportReport.Rejection;
import org.drugsandcrime.blog.core.testing.Subscribers;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BlogTest
class SubscriberImportTests {

	@Autowired
	SubscriberImport lists;

	@Autowired
	Subscriptions subscriptions;

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
	void aMailchimpExportWithItsByteOrderMarkQuotesAndCrlfKeepsItsConfirmedReaders() {
		String ann = subscribers.newAddress("ann");
		String bob = subscribers.newAddress("bob");
		String csv = "\uFEFF\"Email Address\",\"First Name\",\"Last Name\",MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME\r\n"
				+ ann + ",\"Ann, Jr.\",\"O'Neill \"\"Annie\"\"\",2,\"2019-03-05 10:11:12\",\"2019-03-05 10:15:00\"\r\n"
				+ bob + ",Bob,Brown,2,\"2020-01-02 08:00:00\",\"2020-01-02 09:00:00\"\r\n";

		SubscriberImportReport report = lists.importCsv(bytes(csv)).block();

		assertThat(report).isEqualTo(new SubscriberImportReport(2, 2, 0, 0, 0, List.of()));
		assertThat(stored(ann)).isEqualTo(new Stored("CONFIRMED", "Ann, Jr. O'Neill \"Annie\"",
				Instant.parse("2019-03-05T10:11:12Z"), Instant.parse("2019-03-05T10:15:00Z")));
		assertThat(stored(bob).status()).isEqualTo("CONFIRMED");
	}

	@Test
	void aListWithoutHeaderIsEmailNameDateAndConfirmedInThatOrder() {
		String yes = subscribers.newAddress("yes");
		String no = subscribers.newAddress("no");
		String unsaid = subscribers.newAddress("unsaid");
		String csv = yes + ",Yvonne,2018-06-01,yes\n" + no + ",Noel,2018-06-02T12:00:00Z,no\n" + unsaid + "\n";

		SubscriberImportReport report = lists.importCsv(bytes(csv)).block();

		assertThat(report.confirmed()).isEqualTo(1);
		assertThat(report.unconfirmed()).as("consent is never assumed").isEqualTo(2);
		assertThat(stored(yes)).isEqualTo(new Stored("CONFIRMED", "Yvonne", Instant.parse("2018-06-01T00:00:00Z"),
				Instant.parse("2018-06-01T00:00:00Z")));
		assertThat(stored(no)).isEqualTo(new Stored("PENDING", "Noel", Instant.parse("2018-06-02T12:00:00Z"), null));
		assertThat(stored(unsaid).status()).isEqualTo("PENDING");
	}

	@Test
	void semicolonsAsSpreadsheetsInEuropeWriteThemWork() {
		String one = subscribers.newAddress("semi");
		SubscriberImportReport report = lists.importCsv(bytes("E-mail;Name;Status\r" + one + ";Søren Ærø;confirmed\r"))
			.block();
		assertThat(report.confirmed()).isOne();
		assertThat(stored(one).name()).isEqualTo("Søren Ærø");
	}

	@Test
	void badRowsAreListedWithTheirLinesAndAddressesAlreadyThereAreLeftAlone() {
		String known = subscribers.create(SubscriberStatus.UNSUBSCRIBED, 1).get(0);
		String fresh = subscribers.newAddress("fresh");
		String gone = subscribers.newAddress("gone");
		String csv = """
				email,name,status
				%s,"A name
				over two lines",subscribed
				not-an-address,Nobody,subscribed
				,Blank,subscribed
				%s,Known,subscribed
				%s,Twice,subscribed
				%s,Left,unsubscribed
				""".formatted(fresh, known, fresh.toUpperCase(), gone);

		SubscriberImportReport report = lists.importCsv(bytes(csv)).block();

		assertThat(report.rows()).isEqualTo(6);
		assertThat(report.confirmed()).isOne();
		assertThat(report.alreadyThere()).as("one known before, one twice in the file").isEqualTo(2);
		assertThat(report.invalid()).isEqualTo(3);
		assertThat(report.rejected()).extracting(Rejection::line).containsExactly(4L, 5L, 8L);
		assertThat(report.rejected().get(1).reason()).isEqualTo("no email address");
		assertThat(report.rejected().get(2).reason()).contains("unsubscribed");
		assertThat(stored(known).status()).as("someone who left is not signed up again").isEqualTo("UNSUBSCRIBED");
		assertThat(stored(fresh).name()).isEqualTo("A name\nover two lines");
		assertThat(subscribers.exists(gone)).isFalse();
	}

	@Test
	void anImportMailsNobodyAndAskingMailsOnlyTheImportedWhoHaveNotConfirmedOnce() {
		String confirmed = subscribers.newAddress("was.confirmed");
		String unconfirmed1 = subscribers.newAddress("never.confirmed");
		String unconfirmed2 = subscribers.newAddress("never.confirmed");
		String signedUpHere = subscribers.create(SubscriberStatus.PENDING, 1).get(0);
		lists.importCsv(bytes("email,confirmed\n" + confirmed + ",yes\n" + unconfirmed1 + ",no\n" + unconfirmed2 + ",\n"))
			.block();

		assertThat(outbox(confirmed, unconfirmed1, unconfirmed2, signedUpHere)).as("the import sent nothing").isEmpty();

		long asked = subscriptions.askImportedToConfirm().block();

		assertThat(asked).isGreaterThanOrEqualTo(2);
		assertThat(outbox(confirmed, unconfirmed1, unconfirmed2, signedUpHere))
			.containsExactlyInAnyOrder(unconfirmed1, unconfirmed2);
		assertThat(subscriptions.askImportedToConfirm().block()).as("pressed again").isZero();
		assertThat(outbox(unconfirmed1, unconfirmed2)).hasSize(2);
		String token = subscribers.confirmationToken(unconfirmed1);
		assertThat(subscriptions.confirm(token).block()).isEqualTo(Subscriptions.Confirmation.CONFIRMED);
		assertThat(stored(unconfirmed1).status()).isEqualTo("CONFIRMED");
	}

	@Test
	void aFileThatIsNotTextIsRefusedAndNothingOfItStays() {
		String before = subscribers.newAddress("before.binary");
		byte[] start = ("email\n" + before + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] binary = { (byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, (byte) 0xfe };
		byte[] file = Arrays.copyOf(start, start.length + binary.length);
		System.arraycopy(binary, 0, file, start.length, binary.length);

		assertThatThrownBy(() -> lists.importCsv(chunks(file)).block()).isInstanceOf(InvalidSubscriberFileException.class)
			.hasMessageContaining("not a CSV text file");
		assertThat(subscribers.exists(before)).isFalse();

		assertThatThrownBy(() -> lists.importCsv(bytes("a\u0000b@example.org\n")).block())
			.isInstanceOf(InvalidSubscriberFileException.class);
	}

	@Test
	void aHugeLineStopsTheWholeImportEvenAfterEarlierBatchesWereStored() {
		StringBuilder csv = new StringBuilder("email\n");
		List<String> earlier = new ArrayList<>();
		for (int i = 0; i < SubscriberImport.BATCH + 20; i++) {
			String address = subscribers.newAddress("batch");
			earlier.add(address);
			csv.append(address).append('\n');
		}
		csv.append("x".repeat(SubscriberCsv.MAX_RECORD_LENGTH + 10)).append('\n');

		assertThatThrownBy(() -> lists.importCsv(bytes(csv.toString())).block())
			.isInstanceOf(InvalidSubscriberFileException.class)
			.hasMessageContaining("Line " + (SubscriberImport.BATCH + 22) + " is longer");
		assertThat(earlier).noneMatch(subscribers::exists);
	}

	@Test
	void quotesNeverClosedAreACutShortFile() {
		assertThatThrownBy(() -> lists.importCsv(bytes("email,name\n\"reader@example.org,Reader\n")).block())
			.isInstanceOf(InvalidSubscriberFileException.class)
			.hasMessageContaining("line 2");
	}

	private Flux<DataBuffer> bytes(String text) {
		return chunks(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The file as an upload arrives: in small pieces, split anywhere (inside a character, a quote, a CRLF). */
	private static Flux<DataBuffer> chunks(byte[] file) {
		List<DataBuffer> pieces = new ArrayList<>();
		for (int from = 0; from < file.length; from += 7) {
			pieces.add(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(file, from, Math.min(file.length, from + 7))));
		}
		return Flux.fromIterable(pieces);
	}

	private List<String> outbox(String... addresses) {
		return database.sql("SELECT recipient FROM mail_outbox WHERE lower(recipient) = ANY(:addresses)")
			.bind("addresses", Arrays.stream(addresses).map(String::toLowerCase).toArray(String[]::new))
			.map((row, meta) -> row.get("recipient", String.class))
			.all()
			.collectList()
			.block();
	}

	private Stored stored(String email) {
		return database.sql("SELECT status, name, created_at, confirmed_at FROM subscribers WHERE lower(email) = lower(:email)")
			.bind("email", email)
			.map((row, meta) -> new Stored(row.get("status", String.class), row.get("name", String.class),
					row.get("created_at", Instant.class), row.get("confirmed_at", Instant.class)))
			.one()
			.block();
	}

	record Stored(String status, String name, Instant createdAt, Instant confirmedAt) {
	}
}
