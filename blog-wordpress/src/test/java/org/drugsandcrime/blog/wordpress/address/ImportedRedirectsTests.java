package org.drugsandcrime.blog.wordpress.address;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.redirect.Redirects;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

@BlogTest
class ImportedRedirectsTests {

	@Autowired
	ImportedRedirects imported;

	@Autowired
	Redirects redirects;

	@Autowired
	DatabaseClient database;

	@Autowired
	TransactionalOperator transaction;

	@Test
	void anAddressFromALinkBeatsAGuessWhicheverIsWrittenFirst() {
		imported.keep(List.of(new OldAddress("/kept-guess-a/", "/posts/guessed", true))).block();
		imported.keep(List.of(new OldAddress("/kept-guess-a/", "/pages/linked", false),
				new OldAddress("/kept-guess-b/", "/pages/linked", false))).block();
		imported.keep(List.of(new OldAddress("/kept-guess-b/", "/posts/guessed", true))).block();
		assertThat(redirects.target("/kept-guess-a/").block()).isEqualTo("/pages/linked");
		assertThat(redirects.target("/kept-guess-b").block()).isEqualTo("/pages/linked");
	}

	@Test
	void keepingTheSameAddressesAgainChangesNoRow() {
		List<OldAddress> addresses = List.of(new OldAddress("/again/2013/05/x/", "/posts/again-x"),
				new OldAddress("/again/x/", "/posts/again-x", true));
		assertThat(imported.keep(addresses).block()).isEqualTo(2);
		assertThat(imported.keep(addresses).block()).isZero();
		assertThat(imported.keep(List.of(new OldAddress("/again/2013/05/x/", "/posts/elsewhere"))).block()).isZero();
		assertThat(redirects.target("/again/2013/05/x").block()).isEqualTo("/posts/again-x");
	}

	@Test
	void theSameOldAddressTwiceInOneBatchIsOneRowAndTheLinkWins() {
		assertThat(imported.keep(List.of(new OldAddress("/twice/", "/posts/guess", true),
				new OldAddress("/twice/", "/posts/link", false))).block()).isEqualTo(1);
		assertThat(redirects.target("/twice/").block()).isEqualTo("/posts/link");
	}

	@Test
	void addressesWrittenInAFailedImportBatchAreNotKept() {
		imported.keep(List.of(new OldAddress("/rolled-back/", "/posts/never")))
			.then(reactor.core.publisher.Mono.error(new IllegalStateException("the batch failed")))
			.as(transaction::transactional)
			.onErrorResume(IllegalStateException.class, failed -> reactor.core.publisher.Mono.empty())
			.block();
		assertThat(redirects.target("/rolled-back/").block()).isNull();
	}
}
