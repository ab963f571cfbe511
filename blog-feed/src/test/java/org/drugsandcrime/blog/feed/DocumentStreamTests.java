package org.drugsandcrime.blog.feed;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents leave in chunks while their rows are still arriving. */
class DocumentStreamTests {

	@Test
	void theHeadAndFullChunksLeaveBeforeTheLastRowArrives() {
		Flux<Integer> rowsThatNeverEnd = Flux.concat(Flux.range(1, 2_000), Flux.never());
		Flux<DataBuffer> document = DocumentStream.write(DefaultDataBufferFactory.sharedInstance, XmlWriter::open,
				XmlWriter::flush, xml -> xml.start("urlset"), rowsThatNeverEnd,
				(xml, n) -> xml.start("url").element("loc", "https://feeds.example.org/posts/post-number-" + n).end(),
				xml -> xml.end().endDocument());
		StepVerifier.create(document)
			.assertNext(head -> assertThat(text(head)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset"))
			.assertNext(chunk -> assertThat(chunk.readableByteCount()).isGreaterThanOrEqualTo(DocumentStream.CHUNK))
			.thenCancel()
			.verify();
	}

	@Test
	void theWholeDocumentIsTheHeadTheRowsAndTheTailInOrder() {
		Flux<DataBuffer> document = DocumentStream.write(DefaultDataBufferFactory.sharedInstance, XmlWriter::open,
				XmlWriter::flush, xml -> xml.start("list"), Flux.range(1, 3), (xml, n) -> xml.element("n", "<" + n + "&"),
				xml -> xml.end().endDocument());
		String xml = String.join("", document.map(DocumentStreamTests::text).collectList().block());
		assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><list><n>&lt;1&amp;</n><n>&lt;2&amp;</n>"
				+ "<n>&lt;3&amp;</n></list>");
	}

	static String text(DataBuffer buffer) {
		return buffer.toString(StandardCharsets.UTF_8);
	}
}
