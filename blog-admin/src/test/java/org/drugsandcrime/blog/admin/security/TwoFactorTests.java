package org.drugsandcrime.blog.admin.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.drugsandcrime.blog.admin.security.SecondFactor.Verdict;
import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.Rfc6238;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.core.user.TwoFactorAccounts;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two-factor sign-in: codes that work once, secrets the database cannot give away, the QR code, recovery codes, and
 * changes that need the password and a current code. Codes come from RFC 6238's test vectors (the portal's clock set
 * to a vector's time), or, for a key a page has just shown, from the tests' own reference ({@link Rfc6238#code}).
 */
@PortalTest
class TwoFactorTests {

	private static final Pattern RECOVERY_CODE = Pattern.compile("<li><code>([0-9a-z]{5}-[0-9a-z]{5})</code></li>");

	private static final Pattern SHOWN_SECRET = Pattern.compile("<code class=\"totp-secret\">([A-Z2-7]+)</code>");

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	StaffUserRepository users;

	@Autowired
	MutableClock clock;

	@Autowired
	DatabaseClient database;

	@Autowired
	TotpSecrets secrets;

	@Autowired
	SecondFactor secondFactor;

	@Autowired
	TwoFactorAccounts twoFactorAccounts;

	@Autowired
	TotpSecretsAtStart atStart;

	@AfterEach
	void backToNow() {
		clock.set(Instant.now());
	}

	@Test
	void aCodeSignsInOnceAndNeitherItNorAnEarlierOneSignsInAgain() {
		StaffUser editor = withTheRfcSecret(Role.EDITOR);
		clock.set(Rfc6238.T1111111111.time());
		Portal.signIn(web, editor.email(), StaffMembers.PASSWORD, Rfc6238.T1111111111.code());
		assertThat(signInWith(editor, Rfc6238.T1111111111.code())).as("the same code again").isEqualTo("/login?done=failed");
		assertThat(signInWith(editor, Rfc6238.T1111111109.code())).as("the step before's code, still within the window")
			.isEqualTo("/login?done=failed");
		clock.set(Rfc6238.T1234567890.time());
		assertThat(signInWith(editor, Rfc6238.T1234567890.code())).as("a later code").isEqualTo("/");
	}

	@Test
	void ofSignInsRacingWithOneCodeExactlyOneGetsIn() {
		StaffUser editor = staff.create(Role.EDITOR);
		accounts.setTotpSecret(editor.id(), secrets.seal(editor.id(), Rfc6238.SECRET)).block();
		StaffUser enrolled = users.findById(editor.id()).block();
		clock.set(Rfc6238.T1234567890.time());
		List<Verdict> verdicts = Flux.range(0, 8)
			.flatMap(attempt -> Mono.defer(() -> secondFactor.check(enrolled, Rfc6238.T1234567890.code()))
				.subscribeOn(Schedulers.boundedElastic()))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(verdicts).hasSize(8).containsOnlyOnce(Verdict.ACCEPTED).containsOnly(Verdict.ACCEPTED, Verdict.WRONG);
	}

	@Test
	void theDatabaseKeepsOnlyASealedSecretThatIsUselessWithoutTheKey() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, editor);
		clock.set(Rfc6238.T1111111109.time());
		String secret = shownSecret(portal.page("/account"));
		portal.post("/account/two-factor", "code", Rfc6238.code(secret, clock.instant())).expectStatus().isOk();

		String stored = storedSecret(editor.id());
		assertThat(stored).startsWith("v1:").doesNotContain(secret).doesNotContain(secret.substring(0, 8));
		assertThat(secrets.open(editor.id(), stored)).as("with the key").contains(secret);
		assertThat(new TotpSecrets(new TwoFactorProperties(null, false)).open(editor.id(), stored)).as("without a key").isEmpty();
		assertThat(new TotpSecrets(new TwoFactorProperties("b3RoZXIga2V5IGZvciB0b3RwIHNlY3JldHMgMDEyMzQ=", false))
			.open(editor.id(), stored)).as("with another key").isEmpty();
		StaffUser other = staff.create(Role.EDITOR);
		assertThat(secrets.open(other.id(), stored)).as("copied onto another account").isEmpty();
		assertThat(new TotpSecrets(new TwoFactorProperties(PortalTest.TOTP_KEY, false)).open(editor.id(), stored)
			.orElseThrow()).as("sealed with a random IV, opened by the same key in another process").isEqualTo(secret);
		assertThat(secrets.seal(editor.id(), secret)).as("each sealing differs").isNotEqualTo(secrets.seal(editor.id(), secret));
	}

	@Test
	void aSecretStoredInPlainTextBeforeSealingStillSignsInAndIsSealedAtItsFirstUse() {
		StaffUser editor = withTheRfcSecret(Role.EDITOR);
		clock.set(Rfc6238.T1111111109.time());
		Portal.signIn(web, editor.email(), StaffMembers.PASSWORD, Rfc6238.T1111111109.code());
		assertThat(storedSecret(editor.id())).startsWith("v1:").doesNotContain(Rfc6238.SECRET);
		clock.set(Rfc6238.T1111111111.time());
		assertThat(signInWith(editor, Rfc6238.T1111111111.code())).as("sealed, it goes on working").isEqualTo("/");
	}

	@Test
	void secretsStoredInPlainTextAreSealedAtStart() {
		StaffUser editor = withTheRfcSecret(Role.EDITOR);
		atStart.afterSingletonsInstantiated();
		String stored = storedSecret(editor.id());
		assertThat(stored).startsWith("v1:");
		assertThat(secrets.open(editor.id(), stored)).contains(Rfc6238.SECRET);
	}

	@Test
	void withoutTheRightKeyThePortalDoesNotStartWhileItWouldBeNeeded() {
		StaffUser editor = staff.create(Role.EDITOR);
		accounts.setTotpSecret(editor.id(), secrets.seal(editor.id(), Rfc6238.SECRET)).block();
		TotpSecrets noKey = new TotpSecrets(new TwoFactorProperties(null, false));
		assertThatThrownBy(() -> new TotpSecretsAtStart(twoFactorAccounts, noKey, new TwoFactorProperties(null, true))
			.afterSingletonsInstantiated()).hasMessageContaining("Admins must use two-factor sign-in")
			.hasMessageContaining("BLOG_TOTP_KEY");
		assertThatThrownBy(() -> new TotpSecretsAtStart(twoFactorAccounts, noKey, new TwoFactorProperties(null, false))
			.afterSingletonsInstantiated()).hasMessageContaining("have two-factor sign-in on, but BLOG_TOTP_KEY");
		TwoFactorProperties otherKey = new TwoFactorProperties("b3RoZXIga2V5IGZvciB0b3RwIHNlY3JldHMgMDEyMzQ=", false);
		assertThatThrownBy(() -> new TotpSecretsAtStart(twoFactorAccounts, new TotpSecrets(otherKey), otherKey)
			.afterSingletonsInstantiated()).hasMessageContaining("BLOG_TOTP_KEY does not open");
		assertThatThrownBy(() -> new TwoFactorProperties("c2hvcnQ=", false)).hasMessageContaining("32 random bytes");
	}

	@Test
	void theEnrolmentScreenShowsTheAddressAsAQrCodeDrawnByTheServerBesideTheKeyAsText() throws Exception {
		Portal portal = Portal.signIn(web, staff.create(Role.AUTHOR));
		String html = portal.page("/account");
		String secret = shownSecret(html);
		Matcher address = Pattern.compile("<code class=\"otpauth\">([^<]+)</code>").matcher(html);
		assertThat(address.find()).isTrue();
		String otpauth = HtmlUtils.htmlUnescape(address.group(1));
		assertThat(otpauth).startsWith("otpauth://totp/").contains("secret=" + secret).contains("issuer=Blog%20admin");

		Matcher svg = Pattern.compile("(?s)<svg[^>]*class=\"qr-code\".*?</svg>").matcher(html);
		assertThat(svg.find()).as("an inline SVG QR code").isTrue();
		assertThat(svg.group()).doesNotContain("<script").doesNotContain("style=").doesNotContain("href").contains("<title>");
		assertThat(decodeQr(svg.group())).isEqualTo(otpauth);
		assertThat(portal.page("/account")).as("the same key until it is confirmed").contains(secret);
	}

	@Test
	void tenRecoveryCodesAreShownOnceAndEachSignsInOnceInPlaceOfACode() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal portal = Portal.signIn(web, editor);
		List<String> codes = enrol(portal);
		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		assertThat(portal.page("/account")).contains("10 of 10 recovery codes left").doesNotContain(codes.get(0));
		List<String> digests = database.sql("SELECT digest FROM staff_recovery_codes WHERE user_id = :id").bind("id", editor.id())
			.map((row, meta) -> row.get("digest", String.class)).all().collectList().block();
		assertThat(digests).hasSize(10).noneMatch(digest -> codes.stream()
			.anyMatch(code -> digest.contains(code.replace("-", "")) || digest.contains(code)));

		assertThat(signInWith(editor, codes.get(0))).isEqualTo("/");
		assertThat(signInWith(editor, codes.get(0))).as("used once already").isEqualTo("/login?done=failed");
		assertThat(signInWith(editor, codes.get(1).toUpperCase().replace("-", " "))).as("typed as it comes").isEqualTo("/");
		assertThat(portal.page("/account")).contains("8 of 10 recovery codes left");
	}

	@Test
	void newRecoveryCodesNeedThePasswordAndACurrentCodeAndRetireTheOldOnes() {
		StaffUser editor = withTheRfcSecret(Role.EDITOR);
		clock.set(Rfc6238.T1111111109.time());
		Portal portal = Portal.signIn(web, editor.email(), StaffMembers.PASSWORD, Rfc6238.T1111111109.code());
		clock.set(Rfc6238.T1111111111.time());
		portal.post("/account/recovery-codes", "password", "not my password", "code", Rfc6238.T1111111111.code())
			.expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("Your password or code is not right."));
		portal.post("/account/recovery-codes", "password", StaffMembers.PASSWORD, "code", "123456").expectStatus().isBadRequest();
		portal.post("/account/recovery-codes", "password", StaffMembers.PASSWORD).expectStatus().isBadRequest();
		assertThat(portal.page("/account")).contains("0 of 10 recovery codes left");

		List<String> first = recoveryCodes(portal.post("/account/recovery-codes", "password", StaffMembers.PASSWORD, "code",
				Rfc6238.T1111111111.code()).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
		assertThat(first).hasSize(10);
		clock.set(Rfc6238.T1234567890.time());
		// Years later by this clock: that session has long ended (SessionProperties), so a new sign-in.
		portal = Portal.signIn(web, editor.email(), StaffMembers.PASSWORD, Rfc6238.T1234567890.code());
		List<String> second = recoveryCodes(portal.post("/account/recovery-codes", "password", StaffMembers.PASSWORD, "code",
				first.get(0)).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
		assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
		assertThat(signInWith(editor, first.get(1))).as("an old code").isEqualTo("/login?done=failed");
		assertThat(signInWith(editor, second.get(1))).isEqualTo("/");
	}

	@Test
	void turningTwoFactorSignInOffNeedsThePasswordAndACurrentCode() {
		StaffUser editor = withTheRfcSecret(Role.EDITOR);
		clock.set(Rfc6238.T1111111109.time());
		Portal portal = Portal.signIn(web, editor.email(), StaffMembers.PASSWORD, Rfc6238.T1111111109.code());
		portal.post("/account/two-factor/off").expectStatus().isBadRequest();
		clock.set(Rfc6238.T1111111111.time());
		portal.post("/account/two-factor/off", "password", "not my password", "code", Rfc6238.T1111111111.code())
			.expectStatus().isBadRequest();
		portal.post("/account/two-factor/off", "password", StaffMembers.PASSWORD, "code", "000000").expectStatus().isBadRequest();
		assertThat(storedSecret(editor.id())).isNotNull();

		portal.post("/account/two-factor/off", "password", StaffMembers.PASSWORD, "code", Rfc6238.T1111111111.code())
			.expectStatus().is3xxRedirection().expectHeader().location("/account?done=two-factor-off");
		assertThat(storedSecret(editor.id())).isNull();
		Portal.signIn(web, editor);
	}

	@Test
	void wrongPasswordsWhileChangingTwoFactorSignInCountAsFailedSignIns() {
		StaffUser editor = withTheRfcSecret(Role.EDITOR);
		clock.set(Rfc6238.T1111111109.time());
		Portal portal = Portal.signIn(web, editor.email(), StaffMembers.PASSWORD, Rfc6238.T1111111109.code());
		clock.set(Rfc6238.T1111111111.time());
		for (int guess = 0; guess < 5; guess++) {
			portal.post("/account/two-factor/off", "password", "guess number " + guess, "code", Rfc6238.T1111111111.code())
				.expectStatus().isBadRequest();
		}
		portal.post("/account/two-factor/off", "password", StaffMembers.PASSWORD, "code", Rfc6238.T1111111111.code())
			.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(storedSecret(editor.id())).isNotNull();
		assertThat(signInWith(editor, Rfc6238.T1111111111.code())).as("throttled for sign-in too")
			.isEqualTo("/login?done=throttled");
	}

	@Test
	void replacingTheKeyNeedsThePasswordAndACurrentCodeAndRetiresTheOldKey() {
		StaffUser editor = withTheRfcSecret(Role.EDITOR);
		clock.set(Rfc6238.T1111111109.time());
		Portal portal = Portal.signIn(web, editor.email(), StaffMembers.PASSWORD, Rfc6238.T1111111109.code());
		portal.post("/account/two-factor", "code", "123456").expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("already on"));
		clock.set(Rfc6238.T1111111111.time());
		portal.post("/account/two-factor/replace", "password", "not my password", "code", Rfc6238.T1111111111.code())
			.expectStatus().isBadRequest();
		assertThat(portal.page("/account")).doesNotContain("totp-secret");

		String html = portal.post("/account/two-factor/replace", "password", StaffMembers.PASSWORD, "code",
				Rfc6238.T1111111111.code()).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		String next = shownSecret(html);
		assertThat(next).isNotEqualTo(Rfc6238.SECRET);
		assertThat(html).contains("class=\"qr-code\"");
		clock.set(Rfc6238.T1111111111.time().plusSeconds(30));
		assertThat(signInWith(editor, Rfc6238.code(Rfc6238.SECRET, clock.instant())))
			.as("the old key works until the new one is confirmed").isEqualTo("/");
		portal.post("/account/two-factor", "code", Rfc6238.code(next, clock.instant())).expectStatus().isOk()
			.expectBody(String.class).value(page -> assertThat(page).contains("now uses the new key"));

		clock.set(Rfc6238.T1111111111.time().plusSeconds(90));
		assertThat(signInWith(editor, Rfc6238.code(Rfc6238.SECRET, clock.instant()))).isEqualTo("/login?done=failed");
		assertThat(signInWith(editor, Rfc6238.code(next, clock.instant()))).isEqualTo("/");
	}

	/** An account whose secret is the RFC's, stored in plain text as before sealing (sealed at its first use). */
	private StaffUser withTheRfcSecret(Role role) {
		StaffUser user = staff.create(role);
		accounts.setTotpSecret(user.id(), Rfc6238.SECRET).block();
		return user;
	}

	/** Turns two-factor sign-in on with the key the page shows, at a vector time; answers the recovery codes shown. */
	private List<String> enrol(Portal portal) {
		clock.set(Rfc6238.T1111111109.time());
		String secret = shownSecret(portal.page("/account"));
		return recoveryCodes(portal.post("/account/two-factor", "code", Rfc6238.code(secret, clock.instant()))
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
	}

	/** Where a sign-in with the password and {@code code} leads: {@code /} when it signed in. */
	private String signInWith(StaffUser user, String code) {
		return Portal.anonymous(web)
			.post("/login", "username", user.email(), "password", StaffMembers.PASSWORD, "code", code)
			.expectStatus().is3xxRedirection()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
	}

	private String storedSecret(long id) {
		return database.sql("SELECT totp_secret FROM users WHERE id = :id").bind("id", id)
			.map((row, meta) -> java.util.Optional.ofNullable(row.get("totp_secret", String.class)))
			.one()
			.block()
			.orElse(null);
	}

	private static String shownSecret(String html) {
		Matcher matcher = SHOWN_SECRET.matcher(html);
		assertThat(matcher.find()).as("a key to add").isTrue();
		return matcher.group(1);
	}

	private static List<String> recoveryCodes(String html) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = RECOVERY_CODE.matcher(html);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	/** Draws the SVG's squares into pixels and reads them with ZXing, a QR implementation apart from the portal's. */
	private static String decodeQr(String svg) throws Exception {
		Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
		assertThat(box.find()).isTrue();
		int modules = Integer.parseInt(box.group(1));
		int scale = 4;
		int size = modules * scale;
		int[] pixels = new int[size * size];
		java.util.Arrays.fill(pixels, 0xffffffff);
		Matcher square = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
		while (square.find()) {
			int x = Integer.parseInt(square.group(1));
			int y = Integer.parseInt(square.group(2));
			for (int dy = 0; dy < scale; dy++) {
				for (int dx = 0; dx < scale; dx++) {
					pixels[(y * scale + dy) * size + x * scale + dx] = 0xff000000;
				}
			}
		}
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
		return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
	}
}
