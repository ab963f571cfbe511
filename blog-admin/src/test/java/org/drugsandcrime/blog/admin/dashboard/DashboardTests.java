package org.drugsandcrime.blog.admin.dashboard;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.stats.PostViewCounts;
import org.drugsandcrime.blog.core.stats.PostViewCounts.DailyCount;
import org.drugsandcrime.blog.core.stats.StaffFigures;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard draws the site's figures for editors and an author's own figures for that author. */
@PortalTest
class DashboardTests {

	private static final List<String> CHARTS = List.of("views-per-day-chart", "most-read-chart", "posts-per-month-chart",
			"comments-per-week-chart", "subscribers-chart");

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostViewCounts views;

	@Autowired
	StaffFigures figures;

	@Test
	void anEditorSeesEveryChartWithTheWholeSitesPosts() {
		StaffUser one = staff.create(Role.AUTHOR);
		StaffUser other = staff.create(Role.AUTHOR);
		Post mine = posts.draft("Read by many " + System.nanoTime()).by(one).publish();
		Post theirs = posts.draft("Read by some " + System.nanoTime()).by(other).publish();
		read(mine, 900_000);
		read(theirs, 800_000);

		String page = Portal.signIn(web, staff.create(Role.EDITOR)).page("/");

		for (String chart : CHARTS) {
			assertThat(page).contains("id=\"" + chart + "-title\"").contains("id=\"" + chart + "-desc\"")
				.contains("aria-labelledby=\"" + chart + "-title " + chart + "-desc\"");
		}
		assertThat(page).contains("role=\"img\"").contains(mine.getTitle()).contains(theirs.getTitle())
			.contains("href=\"/posts/" + mine.getId() + "/edit\"").contains("900,000")
			.contains("href=\"/comments\"").contains("href=\"/subscribers\"");
	}

	@Test
	void anAuthorSeesTheirOwnPostsFiguresOnly() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post mine = posts.draft("My own reading " + System.nanoTime()).by(author).publish();
		posts.draft("My own draft " + System.nanoTime()).by(author).save();
		Post theirs = posts.draft("Someone else's reading " + System.nanoTime()).by(staff.create(Role.AUTHOR)).publish();
		read(mine, 7);
		read(theirs, 5_000_000);

		String page = Portal.signIn(web, author).page("/");

		assertThat(page).contains(mine.getTitle()).doesNotContain(theirs.getTitle())
			.contains("Views of your posts per day").containsPattern(": 7 in all, most on [^.]+ \\(7\\)\\.")
			.doesNotContain("subscribers-chart").doesNotContain("Waiting for review")
			.containsPattern("<strong>1</strong> of your drafts").containsPattern("<strong>1</strong> of yours published");
	}

	@Test
	void anAuthorsDashboardLinksOnlyToScreensTheAuthorMayOpen() {
		StaffUser author = staff.create(Role.AUTHOR);
		Post mine = posts.draft("Linked from the dashboard " + System.nanoTime()).by(author).publish();
		posts.draft("A draft linked from the dashboard " + System.nanoTime()).by(author).save();
		read(mine, 3);
		Portal portal = Portal.signIn(web, author);
		String page = portal.page("/");

		Set<String> links = new LinkedHashSet<>();
		Matcher href = Pattern.compile("href=\"(/[^\"]*)\"").matcher(page);
		while (href.find()) {
			links.add(href.group(1).replace("&amp;", "&"));
		}

		assertThat(links).contains("/posts/" + mine.getId() + "/edit").hasSizeGreaterThan(5);
		for (String link : links) {
			int status = portal.get(link).returnResult(byte[].class).getStatus().value();
			assertThat(status).as(link).isLessThan(400);
		}
	}

	@Test
	void aHostilePostTitleIsTextInTheChartsAndTheTable() {
		String hostile = "Evil</text></svg><script>alert(\"x\")</script><img src=x onerror=alert(1)> & \"quoted\" " + System.nanoTime();
		Post post = posts.draft(hostile).publish();
		read(post, 950_000);

		String page = Portal.signIn(web, staff.create(Role.EDITOR)).page("/");

		assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("</svg><script>")
			.contains("Evil&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;");
	}

	private void read(Post post, long times) {
		views.add(List.of(new DailyCount(post.getSlug(), figures.today(), times))).block();
	}
}
