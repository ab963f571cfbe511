package org.drugsandcrime.blog.feed;

import java.io.ByteArrayOutputStream;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * Turns a document writer and a stream of rows into a stream of response chunks: the head is sent before
 * the first row is asked for, each row is written as it arrives, and a chunk leaves as soon as about
 * {@value #CHUNK} bytes are ready. Only one chunk is ever held, however long the document.
 */
public final class DocumentStream {

	static final int CHUNK = 16 * 1024;

	private DocumentStream() {
	}

	/**
	 * @param open makes the writer (one per response) over the output it is given
	 * @param flush pushes what the writer buffers into that output
	 */
	public static <W, T> Flux<DataBuffer> write(DataBufferFactory buffers, Function<ByteArrayOutputStream, W> open,
			Consumer<W> flush, Consumer<W> head, Flux<T> rows, BiConsumer<W, T> row, Consumer<W> tail) {
		return Flux.defer(() -> {
			ByteArrayOutputStream output = new ByteArrayOutputStream(CHUNK + CHUNK / 2);
			W writer = open.apply(output);
			Mono<DataBuffer> first = Mono.fromCallable(() -> {
				head.accept(writer);
				return take(buffers, writer, flush, output);
			});
			Flux<DataBuffer> middle = rows.handle((item, sink) -> {
				row.accept(writer, item);
				flush.accept(writer);
				if (output.size() >= CHUNK) {
					sink.next(take(buffers, writer, flush, output));
				}
			});
			Mono<DataBuffer> last = Mono.fromCallable(() -> {
				tail.accept(writer);
				return take(buffers, writer, flush, output);
			});
			return Flux.concat(first, middle, last);
		});
	}

	private static <W> DataBuffer take(DataBufferFactory buffers, W writer, Consumer<W> flush,
			ByteArrayOutputStream output) {
		flush.accept(writer);
		DataBuffer buffer = buffers.wrap(output.toByteArray());
		output.reset();
		return buffer;
	}
}
