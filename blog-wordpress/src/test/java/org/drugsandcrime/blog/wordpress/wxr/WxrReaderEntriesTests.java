package org.drugsandcrime.blog.wordpress.wxr;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class WxrReaderEntriesTests {

	@Test
	void theEntriesComeAsAStreamAndTheFileIsClosedAtTheEnd() {
		AtomicBoolean closed = new AtomicBoolean();

		List<WxrEntry> entries = WxrReader.entries(() -> watched(WxrReaderTests.sample(), closed))
			.collectList()
			.block();

		assertThat(WxrReaderTests.only(entries, WxrItem.class)).hasSize(52);
		assertThat(closed).isTrue();
	}

	@Test
	void theFileIsClosedWhenTheReaderStopsEarly() {
		AtomicBoolean closed = new AtomicBoolean();

		StepVerifier.create(WxrReader.entries(() -> watched(WxrReaderTests.sample(), closed)).take(3))
			.expectNextCount(3)
			.verifyComplete();

		assertThat(closed).isTrue();
	}

	@Test
	void theFileIsClosedWhenItTurnsOutBad() {
		AtomicBoolean closed = new AtomicBoolean();
		byte[] sample = WxrReaderTests.sample();
		String half = new String(sample, StandardCharsets.UTF_8).substring(0, sample.length / 2);

		StepVerifier.create(WxrReader.entries(() -> watched(half.getBytes(StandardCharsets.UTF_8), closed)))
			.thenConsumeWhile(entry -> true)
			.verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(WxrException.class)
				.hasMessageContaining("cut short at line"));

		assertThat(closed).isTrue();
	}

	@Test
	void theFileIsClosedWhenItIsRefusedAtOnce() {
		AtomicBoolean closed = new AtomicBoolean();

		StepVerifier.create(WxrReader.entries(() -> watched("not xml".getBytes(StandardCharsets.UTF_8), closed)))
			.verifyError(WxrException.class);

		assertThat(closed).isTrue();
	}

	@Test
	void theFileIsReadOnBoundedElasticThreadsEvenWhenMoreIsAskedForElsewhere() {
		Set<String> readingThreads = ConcurrentHashMap.newKeySet();

		WxrReader.entries(() -> new ByteArrayInputStream(WxrReaderTests.sample()))
			.doOnNext(entry -> readingThreads.add(Thread.currentThread().getName()))
			.publishOn(Schedulers.parallel(), 4)
			.blockLast();

		assertThat(readingThreads).isNotEmpty().allMatch(name -> name.startsWith("boundedElastic"));
	}

	private static ByteArrayInputStream watched(byte[] bytes, AtomicBoolean closed) {
		return new ByteArrayInputStream(bytes) {
			@Override
			public void close() throws IOException {
				closed.set(true);
				super.close();
			}
		};
	}
}
