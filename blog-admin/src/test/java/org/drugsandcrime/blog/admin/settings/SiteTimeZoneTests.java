package org.drugsandcrime.blog.admin.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.PostRepository;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The site's time zone: chosen by admins, and every time staff read or type follows it. */
@PortalTest
class SiteTimeZoneTests {

	/** 22:24:52 UTC on 2 December 2026, which is 07:24 on 3 December in Tokyo. */
	static final Instant MOMENT = Instant.parse("2026-12-02T22:24:52.438878Z");

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Site site;

	@Autowired
	PostRepository posts;

	@Autowired
	MutableClock clock;

	Portal admin;

	@BeforeEach
	void signIn() {
		clock.set(MOMENT);
		admin = Portal.signIn(web, staff.create(Role.ADMIN));
	}

	@AfterEach
	void backToLondon() {
		admin.post("/settings", settings("Europe/London")).expectStatus().is3xxRedirection();
		clock.set(Instant.now());
	}

	@Test
	void theSiteStartsInEuropeLondonAndTheSettingsScreenOffersTheZone() {
		admin.post("/settings", settings("Europe/London")).expectStatus().is3xxRedirection();
		assertThat(site.time().block().zoneName()).isEqualTo("Europe/London");
		assertThat(admin.page("/settings")).contains("<label for=\"timeZone\">")
			.containsPattern("<option value=\"Europe/London\" selected=\"selected\">Europe/London</option>");
	}

	@Test
	void anAdminChoosesAZoneAndThePortalShowsEveryTimeInItInWords() {
		admin.post("/settings", settings("Asia/Tokyo")).expectStatus().is3xxRedirection();
		assertThat(site.time().block().zoneName()).isEqualTo("Asia/Tokyo");

		// Every time on the audit log is now written in Tokyo's words, whatever other classes left there (its
		// newest 500 entries may not reach back to this change at MOMENT).
		Matcher time = Pattern.compile("<time datetime=\"([^\"]+)\">([^<]+)</time>").matcher(admin.page("/audit"));
		assertThat(time.find()).as("a time on the audit log").isTrue();
		assertThat(time.group(2)).isEqualTo(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK)
			.withZone(ZoneId.of("Asia/Tokyo"))
			.format(Instant.parse(time.group(1))));
		assertThat(admin.page("/posts/new")).contains("Publish at").contains("(Asia/Tokyo time)");
	}

	@Test
	void publishAtIsReadInTheSiteZone() {
		admin.post("/settings", settings("Asia/Tokyo")).expectStatus().is3xxRedirection();
		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		String location = editor.post("/posts", Portal.form("title", "Read in Tokyo time", "slug", "read-in-tokyo-" + System.nanoTime(),
				"body", "Later.", "publishAt", "2026-12-03T09:00", "action", "schedule"))
			.expectStatus().is3xxRedirection().returnResult(Void.class).getResponseHeaders().getLocation().toString();
		long id = Long.parseLong(location.replaceAll("^/posts/(\\d+)/.*$", "$1"));

		assertThat(posts.findById(id).block().getPublishedAt()).isEqualTo(Instant.parse("2026-12-03T00:00:00Z"));
		assertThat(editor.page("/posts/" + id + "/edit")).contains("value=\"2026-12-03T09:00\"")
			.contains("<time datetime=\"2026-12-03T00:00:00Z\">3 Dec 2026, 09:00</time>");
	}

	@Test
	void theMailScreenShowsTimesInWordsNotRawInstants() {
		String mail = admin.page("/outbox");
		assertThat(mail).doesNotContainPattern(">\\s*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
	}

	@Test
	void aNameThatIsNotAZoneIsRefusedAndNothingChanges() {
		admin.post("/settings", settings("Europe/Paris")).expectStatus().is3xxRedirection();
		admin.post("/settings", settings("Mars/Olympus_Mons")).expectStatus().isBadRequest().expectBody(String.class)
			.value(html -> assertThat(html).contains("is not a time zone"));
		admin.post("/settings", settings("+01:00")).expectStatus().isBadRequest();
		assertThat(site.time().block().zoneName()).isEqualTo("Europe/Paris");
	}

	@Test
	void onlyAdminsChooseTheZone() {
		Portal editor = Portal.signIn(web, staff.create(Role.EDITOR));
		editor.post("/settings", settings("Asia/Tokyo")).expectStatus().isForbidden();
		assertThat(site.time().block().zoneName()).isEqualTo("Europe/London");
	}

	private org.springframework.util.MultiValueMap<String, String> settings(String zone) {
		return Portal.form("title", "Keep up-to-date with drugs and crime", "tagline", "", "description", "",
				"contactEmail", "", "contactDetails", "", "postsPerPage", "10", "timeZone", zone);
	}
}
