package org.drugsandcrime.blog.core.subscription;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.subscription.SubscriberColumns.Imported;
import org.drugsandcrime.blog.core.subscription.SubscriberCsv.Record;
import org.drugsandcrime.blog.core.subscription.SubscriberImportReport.Rejection;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Subscribers brought over from another list as CSV (email, name, date, confirmed or not). The file is read as it
 * streams in, off the event loop, and stored {@value #BATCH} rows to a statement, all in one transaction: a file that
 * turns out not to be a list (not text, a line far too long, quotes never closed) leaves nothing behind. Each address
 * is checked as the subscription form checks it; one the blog has already is left alone. Those the list says
 * confirmed stay confirmed, the others wait as PENDING. An import never mails anyone: staff may then ask the imported
 * ones who have not confirmed ({@link Subscriptions#askImportedToConfirm()}).
 */
@Service
public class SubscriberImport {

	static final int BATCH = 500;

	public static final int REJECTIONS_LISTED = 100;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	SubscriberImport(DatabaseClient database, TransactionalOperator transaction, Clock clock) {
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Imports the list; fails with {@link InvalidSubscriberFileException} (nothing stored) for a file that is not one.
	 */
	public Mono<SubscriberImportReport> importCsv(Flux<DataBuffer> file) {
		return Mono.defer(() -> {
			Instant now = clock.instant();
			Tally tally = new Tally();
			Flux<Line> lines = Flux.<Line, Reading>generate(
					() -> new Reading(SubscriberCsv.open(DataBufferUtils.subscriberInputStream(file, 4)), now),
					(reading, sink) -> {
						Line line = reading.next();
						if (line == null) {
							sink.complete();
						}
						else {
							sink.next(line);
						}
						return reading;
					}, Reading::close)
				// Reading the upload waits for its bytes: never on an event loop.
				.subscribeOn(Schedulers.boundedElastic());
			return lines.buffer(BATCH)
				.concatMap(batch -> store(batch, tally, now))
				.then(Mono.fromSupplier(tally::report))
				.as(transaction::transactional);
		});
	}

	private Mono<Void> store(List<Line> batch, Tally tally, Instant now) {
		List<Imported> valid = new ArrayList<>(batch.size());
		for (Line line : batch) {
			tally.rows++;
			if (line.row().rejection() != null) {
				tally.invalid++;
				if (tally.rejected.size() < REJECTIONS_LISTED) {
					tally.rejected.add(new Rejection(line.number(), line.row().rejection()));
				}
			}
			else {
				valid.add(line.row().subscriber());
			}
		}
		if (valid.isEmpty()) {
			return Mono.empty();
		}
		return database.sql("""
				INSERT INTO subscribers (email, name, status, created_at, confirmed_at, imported_at)
				SELECT e, n, CASE WHEN c = '' THEN 'PENDING' ELSE 'CONFIRMED' END, s::timestamptz, NULLIF(c, '')::timestamptz,
				       :now
				FROM unnest(:emails::text[], :names::text[], :since::text[], :confirmed::text[]) AS t(e, n, s, c)
				ON CONFLICT ((lower(email))) DO NOTHING
				RETURNING status
				""")
			.bind("emails", valid.stream().map(Imported::email).toArray(String[]::new))
			.bind("names", valid.stream().map(Imported::name).toArray(String[]::new))
			.bind("since", valid.stream().map(row -> row.since().toString()).toArray(String[]::new))
			.bind("confirmed", valid.stream()
				.map(row -> row.confirmedAt() == null ? "" : row.confirmedAt().toString())
				.toArray(String[]::new))
			.bind("now", now)
			.map((row, meta) -> row.get("status", String.class))
			.all()
			.doOnNext(status -> {
				if ("CONFIRMED".equals(status)) {
					tally.confirmed++;
				}
				else {
					tally.unconfirmed++;
				}
			})
			.count()
			.doOnNext(stored -> tally.alreadyThere += valid.size() - stored)
			.then();
	}

	/** A row of the file, numbered by the line it starts on. */
	private record Line(long number, SubscriberColumns.Row row) {
	}

	/** The reading of one file: the CSV reader and, once the first row is read, what its columns are. */
	private static final class Reading {

		private final SubscriberCsv csv;

		private final Instant now;

		private SubscriberColumns columns;

		Reading(SubscriberCsv csv, Instant now) {
			this.csv = csv;
			this.now = now;
		}

		Line next() {
			Record record = csv.next();
			if (record != null && columns == null) {
				columns = SubscriberColumns.of(record.cells());
				if (columns.header()) {
					record = csv.next();
				}
			}
			return record == null ? null : new Line(record.line(), columns.read(record.cells(), now));
		}

		void close() {
			csv.close();
		}
	}

	private static final class Tally {

		long rows;

		long confirmed;

		long unconfirmed;

		long alreadyThere;

		long invalid;

		final List<Rejection> rejected = new ArrayList<>();

		SubscriberImportReport report() {
			return new SubscriberImportReport(rows, confirmed, unconfirmed, alreadyThere, invalid, rejected);
		}
	}
}
