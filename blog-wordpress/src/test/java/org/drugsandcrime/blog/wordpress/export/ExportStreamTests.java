package org.drugsandcrime.blog.wordpress.export;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.drugsandcrime.blog.SeparateSite;
import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrReader;
import org.drugsandcrime.blog.wordpress.wxr.WxrSite;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export leaves in chunks of bounded size while the site is still being read, and our own reader takes it. The
 * large site is one of its own: a chunk's bound depends on the size of the posts, so other tests' imports must not be
 * in it.
 */
class ExportStreamTests {

	/** Big enough for several reads of posts and many chunks; small enough to insert in one statement. */
	static final int POSTS = 1_000;

	@Test
	void theHeadAndFullChunksLeaveBeforeTheLastPartArrives() {
		Flux<Consumer<WxrWriter>> partsThatNeverEnd = Flux.concat(
				Flux.just(xml -> xml.start("rss").start("channel")),
				Flux.range(1, 5_000).map(n -> xml -> xml.start("item").start("title").cdata("Post number " + n).end().end()),
				Flux.never());
		StepVerifier.create(WordPressExport.chunks(DefaultDataBufferFactory.sharedInstance, partsThatNeverEnd))
			.assertNext(chunk -> assertThat(chunk.readableByteCount()).isGreaterThanOrEqualTo(WordPressExport.CHUNK))
			.assertNext(chunk -> assertThat(chunk.readableByteCount()).isGreaterThanOrEqualTo(WordPressExport.CHUNK))
			.thenCancel()
			.verify();
	}

	@Test
	void aLargeSiteLeavesInManyBoundedChunksThatOurReaderReadsBack() throws Exception {
		try (SeparateSite site = SeparateSite.start("export_stream")) {
			exportALargeSite(site.bean(DatabaseClient.class), site.bean(WordPressExport.class));
		}
	}

	private static void exportALargeSite(DatabaseClient database, WordPressExport export) throws Exception {
		String body = "<p>" + "Payment by results and reoffending. ".repeat(60) + "</p>";
		database.sql("""
				INSERT INTO users (email, display_name, slug, role)
				VALUES ('stream.author@example.org', 'Stream Author', 'stream-author', 'AUTHOR')
				ON CONFLICT DO NOTHING
				""").fetch().rowsUpdated().block();
		database.sql("""
				INSERT INTO posts (guid, slug, title, body_markdown, body_html, status, published_at, created_at, updated_at,
				                   author_id)
				SELECT 'urn:export-stream-test:' || n, 'export-stream-test-' || n, 'Streamed post ' || n, '', :body,
				       'PUBLISHED', :at, :at, :at, (SELECT id FROM users WHERE slug = 'stream-author')
				FROM generate_series(1, :posts) AS n
				""")
			.bind("body", body)
			.bind("at", Instant.parse("2020-01-01T00:00:00Z"))
			.bind("posts", POSTS)
			.fetch()
			.rowsUpdated()
			.block();

		List<Integer> sizes = new ArrayList<>();
		ByteArrayOutputStream whole = new ByteArrayOutputStream();
		export.export().doOnNext(chunk -> {
			sizes.add(chunk.readableByteCount());
			byte[] bytes = new byte[chunk.readableByteCount()];
			chunk.read(bytes);
			whole.writeBytes(bytes);
			DataBufferUtils.release(chunk);
		}).blockLast();

		long itemBytes = body.length() + 2_000;
		assertThat(whole.size()).isGreaterThan(POSTS * body.length());
		assertThat(sizes).hasSizeGreaterThan(whole.size() / (WordPressExport.CHUNK + SiteContent.ITEMS_PER_READ * (int) itemBytes));
		assertThat(sizes).allSatisfy(size -> assertThat(size)
			.as("no chunk holds more than one read of posts past the chunk size")
			.isLessThanOrEqualTo(WordPressExport.CHUNK + SiteContent.ITEMS_PER_READ * (int) itemBytes));

		long streamed = 0;
		WxrSite site = null;
		try (WxrReader reader = WxrReader.open(new ByteArrayInputStream(whole.toByteArray()))) {
			for (WxrEntry entry = reader.next(); entry != null; entry = reader.next()) {
				if (entry instanceof WxrSite found) {
					site = found;
				}
				if (entry instanceof WxrItem item && item.guid().startsWith("urn:export-stream-test:")) {
					streamed++;
					assertThat(item.creator()).isEqualTo("stream-author");
					assertThat(item.postDateGmt()).isEqualTo("2020-01-01 00:00:00");
				}
			}
		}
		assertThat(site.wxrVersion()).isEqualTo("1.2");
		assertThat(streamed).isEqualTo(POSTS);
	}
}
