package org.drugsandcrime.blog.admin.layout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.settings.SiteEditing;
import org.drugsandcrime.blog.core.subscription.Subscriber;
import org.drugsandcrime.blog.core.subscription.SubscriberRepository;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing.Kind;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form on every screen that destroys or takes something away (delete, trash, merge, remove, disable, spam,
 * unpublish, turning two-factor sign-in off, emptying a trash, a bulk action) carries the question admin.js asks
 * before it is sent, on the form, on the button that sends it, or on the option chosen in it.
 */
@PortalTest
class EveryDestructiveActionAsksFirstTests {

	/** Form actions that destroy, whatever their button says. */
	private static final Pattern DESTRUCTIVE_ACTION = Pattern
		.compile("/(delete|trash|merge|remove|enabled|empty|bulk|off|discard|reject)\"");

	/** Buttons that destroy in a form that also does harmless things (the moderation queue, the editor). */
	private static final Pattern DESTRUCTIVE_BUTTON = Pattern
		.compile("<button[^>]*value=\"(spam|trash|unpublish)\"[^>]*>");

	private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>.*?</form>", Pattern.DOTALL);

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	Trash trash;

	@Autowired
	PageEditing pages;

	@Autowired
	PostComments comments;

	@Autowired
	TaxonomyEditing taxonomy;

	@Autowired
	SiteEditing site;

	@Autowired
	SubscriberRepository subscribers;

	@Autowired
	StaffAccounts accounts;

	@Test
	void everyDestructiveFormOnEveryScreenAsksBeforeItIsSent() {
		Post live = posts.draft("Live, to be unpublished " + System.nanoTime()).category("On Probation").publish();
		Post trashed = posts.draft("Already trashed " + System.nanoTime()).save();
		trash.trashPost(trashed.getId()).block();
		long page = pages.save(null, "A page " + System.nanoTime(), null, "Text.", PageStatus.PUBLISHED, null, null, null)
			.block().id();
		long trashedPage = pages.save(null, "A trashed page " + System.nanoTime(), null, "Text.", PageStatus.DRAFT, null, null,
				null).block().id();
		trash.trashPage(trashedPage).block();
		comments.submit(live.getId(), null, "A reader", "reader@example.org", null, "Waiting.", false, "203.0.113.9").block();
		taxonomy.create(Kind.TAG, "Tag one " + System.nanoTime()).block();
		taxonomy.create(Kind.TAG, "Tag two " + System.nanoTime()).block();
		site.addItem("Menu item " + System.nanoTime(), "/pages/about").block();
		// Pending, so that no later test class's post mail goes to it.
		subscribers.save(new Subscriber(null, "asked" + System.nanoTime() + "@example.org", SubscriberStatus.PENDING,
				Instant.now(), null, null)).block();
		StaffUser author = staff.create(Role.AUTHOR);
		// An author's change of their live post, waiting for review: rejecting it throws it away.
		Post authors = posts.draft("Live, changed by its author " + System.nanoTime()).by(author).publish();
		Portal.signIn(web, author).post("/posts/" + authors.getId(), "title", "The author's change", "body", "Changed.",
				"action", "save").expectStatus().is3xxRedirection();
		StaffUser signedIn = staff.create(Role.ADMIN);
		Portal admin = Portal.signIn(web, signedIn);
		admin.postMultipart("/media", EveryScreenNoticeTests.multipart(admin, EveryScreenNoticeTests.pngBytes()))
			.expectStatus().is3xxRedirection();
		// Signed in already, so the account page offers to turn two-factor sign-in off.
		accounts.setTotpSecret(signedIn.id(), "JBSWY3DPEHPK3PXP").block();

		List<String> unasked = new ArrayList<>();
		int destructive = 0;
		for (String path : List.of("/posts", "/posts?state=trash", "/posts/" + live.getId() + "/edit", "/pages",
				"/pages/" + page + "/edit", "/media", "/comments", "/taxonomy/category", "/taxonomy/tag", "/taxonomy/series",
				"/navigation", "/users", "/subscribers", "/outbox", "/account", "/settings", "/",
				"/posts/" + authors.getId() + "/changes")) {
			Matcher forms = FORM.matcher(admin.page(path));
			while (forms.find()) {
				String form = forms.group();
				String opening = form.substring(0, form.indexOf('>') + 1);
				// Enabling an account takes nothing away; disabling does.
				boolean enabling = opening.contains("/enabled\"") && form.contains("value=\"true\"");
				if (DESTRUCTIVE_ACTION.matcher(opening).find() && !enabling) {
					destructive++;
					if (!form.contains("data-confirm=\"")) {
						unasked.add(path + ": " + opening);
					}
				}
				Matcher buttons = DESTRUCTIVE_BUTTON.matcher(form);
				while (buttons.find()) {
					destructive++;
					if (!buttons.group().contains("data-confirm=\"") && !opening.contains("data-confirm=\"")) {
						unasked.add(path + ": " + buttons.group());
					}
				}
			}
		}
		assertThat(unasked).as("destructive forms and buttons that do not ask first").isEmpty();
		assertThat(destructive).as("destructive forms found, so the check looked at something").isGreaterThan(15);
	}
}
