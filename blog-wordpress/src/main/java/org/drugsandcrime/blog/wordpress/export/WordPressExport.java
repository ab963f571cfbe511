package org.drugsandcrime.blog.wordpress.export;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Service;

/**
 * The whole site as a WordPress eXtended RSS 1.2 file that WordPress's own importer (Tools → Import → WordPress)
 * accepts, and ours too: authors, categories, tags, then every post and page with its terms and comments. Trashed
 * posts and pages are left out.
 *
 * <p>The file is written as it is read: a page of posts at a time from the database, each page written into a buffer
 * that leaves as a chunk once it holds {@value #CHUNK} bytes. A site of any size takes the same memory, and a slow
 * download reads no further ahead than it has sent. Writing XML into memory blocks nothing, so it happens on
 * whichever thread the rows arrive on.
 */
@Service
public class WordPressExport {

	static final int CHUNK = 64 * 1024;

	private final SiteContent content;

	private final Clock clock;

	WordPressExport(SiteContent content, Clock clock) {
		this.content = content;
		this.clock = clock;
	}

	/** The export as a stream of chunks for a response body; nothing is read until it is subscribed to. */
	public Flux<DataBuffer> export() {
		return export(DefaultDataBufferFactory.sharedInstance);
	}

	public Flux<DataBuffer> export(DataBufferFactory buffers) {
		return Flux.defer(() -> content.start(clock.instant()).flatMapMany(start -> {
			Flux<Consumer<WxrWriter>> parts = Flux.concat(
					Mono.just(xml -> WxrDocument.head(xml, start.site(), start.now())),
					content.authors().map(author -> xml -> WxrDocument.author(xml, author)),
					content.categories().map(category -> xml -> WxrDocument.category(xml, category)),
					content.tags().map(tag -> xml -> WxrDocument.tag(xml, tag)),
					content.posts(start).map(items -> xml -> items(xml, items, start)),
					content.pages(start).map(items -> xml -> items(xml, items, start)),
					Mono.just(WxrDocument::tail));
			return chunks(buffers, parts);
		}));
	}

	private static void items(WxrWriter xml, List<WxrItem> items, SiteContent.Start start) {
		for (WxrItem item : items) {
			WxrDocument.item(xml, item, start.zone());
		}
	}

	/** Writes each part as it arrives; a chunk leaves when it is full, and the rest after the last part. */
	static Flux<DataBuffer> chunks(DataBufferFactory buffers, Flux<Consumer<WxrWriter>> parts) {
		ByteArrayOutputStream output = new ByteArrayOutputStream(CHUNK + CHUNK / 2);
		WxrWriter xml = WxrWriter.open(output);
		Flux<DataBuffer> full = parts.handle((part, sink) -> {
			part.accept(xml);
			xml.flush();
			if (output.size() >= CHUNK) {
				sink.next(take(buffers, output));
			}
		});
		return full.concatWith(Mono.fromCallable(() -> take(buffers, output)).filter(last -> last.readableByteCount() > 0));
	}

	private static DataBuffer take(DataBufferFactory buffers, ByteArrayOutputStream output) {
		DataBuffer buffer = buffers.wrap(output.toByteArray());
		output.reset();
		return buffer;
	}
}
