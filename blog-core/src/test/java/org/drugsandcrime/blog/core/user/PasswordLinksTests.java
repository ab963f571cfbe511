package org.drugsandcrime.blog.core.user;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.core.mail.PasswordLinkTokens;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking for reset links is limited per address and per client, whether or not the addresses belong to anyone; a link
 * is used once, even by two requests at the same moment.
 */
@BlogTest
class PasswordLinksTests {

	@Autowired
	Clock clock;

	@Autowired
	PasswordLinks links;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	DatabaseClient database;

	@Autowired
	StaffUserRepository users;

	@Test
	void oneClientAskingForManyAddressesSoonGetsNoMoreMails() {
		String client = "203.0.113." + (System.nanoTime() % 250);
		database.sql("DELETE FROM password_reset_requests WHERE client = :client").bind("client", client).fetch().rowsUpdated().block();
		for (int i = 0; i < 10; i++) {
			links.requestReset("guess" + i + "-" + System.nanoTime() + "@example.org", client).block();
		}
		StaffUser author = accounts.create("limited" + System.nanoTime() + "@example.org", "Limited", Role.AUTHOR,
				"a passphrase of the author").block().user();
		links.requestReset(author.email(), client).block();
		assertThat(resetMailsTo(author)).as("the client used up its allowance on addresses of nobody").isZero();
		links.requestReset(author.email(), client + "9").block();
		assertThat(resetMailsTo(author)).isEqualTo(1);
	}

	@Test
	void anAddressIsCountedTheSameWayWhetherOrNotAnAccountHasIt() {
		String client = "198.51.100." + (System.nanoTime() % 250);
		String nobody = "nobody" + System.nanoTime() + "@example.org";
		links.requestReset(nobody, client).block();
		links.requestReset(nobody.toUpperCase(), client + "1").block();
		assertThat(database.sql("SELECT count(*) AS n FROM password_reset_requests WHERE client LIKE :client || '%' "
				+ "AND email_digest = encode(sha256(convert_to(:email, 'UTF8')), 'hex')").bind("client", client).bind("email", nobody)
			.map((row, meta) -> row.get("n", Long.class)).one().block()).as("counted by a digest of the address").isEqualTo(2);
		assertThat(database.sql("SELECT count(*) AS n FROM password_reset_requests WHERE strpos(email_digest, :email) > 0")
			.bind("email", "nobody").map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();
	}

	@Test
	void ofTwoUsesOfOneLinkAtOnceExactlyOneSetsThePassword() {
		StaffUser author = accounts.create("twice" + System.nanoTime() + "@example.org", "Twice", Role.AUTHOR,
				"a passphrase of the author").block().user();
		String token = "a-test-token-" + System.nanoTime();
		database.sql("""
				INSERT INTO password_links (user_id, purpose, token_hash, created_at, expires_at)
				VALUES (:user, 'RESET', :hash, :now, :expires)
				""").bind("user", author.id()).bind("hash", PasswordLinkTokens.digest(token))
			// The links judge time by the blog's clock, which other classes move: not by the database's.
			.bind("now", clock.instant()).bind("expires", clock.instant().plus(Duration.ofMinutes(30)))
			.fetch().rowsUpdated().block();

		List<Object> outcomes = Flux.just("first racing passphrase", "second racing passphrase")
			.flatMap(password -> links.setPassword(token, password).<Object>map(id -> password)
				.onErrorResume(PasswordLinks.LinkNotUsableException.class, ex -> Mono.just(ex.state()))
				.subscribeOn(Schedulers.parallel()))
			.collectList()
			.block();
		assertThat(outcomes).hasSize(2).containsOnlyOnce(PasswordLinks.LinkState.USED);
		String winner = (String) outcomes.stream().filter(String.class::isInstance).findFirst().orElseThrow();
		assertThat(PasswordHashing.encoder().matches(winner, users.findById(author.id()).block().passwordHash())).isTrue();
		assertThat(links.find(token).block().state()).isEqualTo(PasswordLinks.LinkState.USED);
	}

	private long resetMailsTo(StaffUser user) {
		return database.sql("SELECT count(*) AS n FROM mail_outbox WHERE kind = 'PASSWORD_RESET' AND user_id = :id")
			.bind("id", user.id())
			.map((row, meta) -> row.get("n", Long.class))
			.one()
			.block();
	}
}
