package org.drugsandcrime.blog.admin.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.Rfc6238;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.page.PageEditing;
import org.drugsandcrime.blog.core.page.PageStatus;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostRevisions;
import org.drugsandcrime.blog.core.settings.SiteEditing;
import org.drugsandcrime.blog.core.subscription.Subscriber;
import org.drugsandcrime.blog.core.subscription.SubscriberRepository;
import org.drugsandcrime.blog.core.subscription.SubscriberStatus;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing.Kind;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each screen says what just happened, and only that: a plain visit shows no notice, and every action shows its own
 * notice (by its words) and none of the other notices its screen knows. Adding an action to a screen adds a row to
 * {@link #actions()}; adding a screen adds a row to {@link #screens()}.
 */
@PortalTest
class EveryScreenNoticeTests {

	/** The one notice element a page can carry (notice.html): its attributes and words. */
	private static final Pattern NOTICE = Pattern.compile("<p([^>]*\\sid=\"notice\"[^>]*)>([^<]*)</p>");

	/** A notice is a status, or an error said as an alert. */
	private static final Pattern KIND = Pattern.compile("class=\"(notice|error)\"[^>]*role=\"(status|alert)\"|role=\"(status|alert)\"[^>]*class=\"(notice|error)\"");

	/** Every notice each screen knows, by the path of the screen (its template) the action lands on. */
	private static final Map<String, List<String>> KNOWN = Map.ofEntries(
			Map.entry("login", List.of("Wrong email, password or code.", "Too many failed sign-ins from here: wait a little and try again.",
					"You are signed out.", "Your password is set: sign in with it.")),
			Map.entry("forgot password", List.of("If a staff account has that address, a mail with a link to choose a new password is on its way.")),
			Map.entry("editor", List.of("Saved.", "Published.", "Scheduled.", "Taken off the site.",
					"Submitted: an editor will review it.", "The revision is back; the text it replaced is kept as a revision.",
					"A scheduled time must be in the future", "The autosaved text is gone; this is the post as last saved.",
					"Your changes wait for an editor's review; readers see the post as it was until then.",
					"Your edit is kept, and the post is no longer scheduled: it waits for an editor's review.",
					"Approved: the post on the site now reads as the author proposed.",
					"Rejected: the post on the site stays as it was.", "Your waiting changes are withdrawn.")),
			Map.entry("post changes", List.of()),
			Map.entry("preview", List.of("Saved.")),
			Map.entry("pages", List.of("Moved to the trash: it is off the site, and can be restored below.",
					"Restored from the trash, as it was before.", "Deleted for good.", "Trash emptied:")),
			Map.entry("page editor", List.of("Saved.", "The body is longer than")),
			Map.entry("media", List.of("Uploaded.", "Deleted.", "Choose an image file to upload.")),
			Map.entry("comments", List.of("approved.", "marked as spam.", "moved to the trash.", "moved back to pending.",
					"Your reply is on the site.", "The comment's new text is on the site.",
					"Nothing changed: tick the comments first.")),
			Map.entry("taxonomy", List.of("Added.", "Renamed; its archive keeps its address.",
					"Merged; the old archive address redirects to the new one.", "Deleted.")),
			Map.entry("navigation", List.of("Added to the menu.", "Moved.", "Removed from the menu.")),
			Map.entry("users", List.of("Account created; it can sign in now, and chooses its own password at the first sign-in.", "Role changed; it counts at once.",
					"Account disabled; it can no longer sign in.", "Account enabled; it can sign in again.",
					"Invitation sent: a mail with a link to choose a password is on its way.")),
			Map.entry("settings", List.of("Saved; the public site shows it within seconds.", "Posts per page must be between 1 and 100.")),
			Map.entry("account", List.of("Profile saved; your posts show it within seconds.",
					"Password changed; use it next time you sign in.", "Two-factor sign-in is off.",
					"Two-factor sign-in is on: sign-ins now ask for a code.", "Two-factor sign-in now uses the new key",
					"Add the new key to your authenticator app", "New recovery codes; the old ones no longer work.",
					"Admins sign in with a code from an authenticator app too", "Your password or code is not right.",
					"The new password and its repetition differ.",
					"You will get an email when a reader's comment waits for moderation.",
					"No more emails about comments waiting for moderation.")),
			Map.entry("outbox", List.of("queued again.")),
			Map.entry("subscribers", List.of("Removed.", "That subscriber was already removed.",
					" to confirm; the mails are on their way.",
					"Nobody to ask: every imported subscriber has confirmed or has been asked already.")),
			Map.entry("wordpress", List.of("Choose the WordPress export file")),
			Map.entry("wordpress import", List.of("The import has started: this page follows it to the end.")),
			Map.entry("dashboard", List.of()), Map.entry("revisions", List.of()), Map.entry("audit", List.of()),
			Map.entry("posts", List.of("Moved to the trash: it is off the site, and can be restored from the trash.",
					"Restored from the trash, as it was before.", "Deleted for good, with its comments and revisions.",
					"Trash emptied:", " published.", " taken off the site.", " moved to the trash.", "Category set on ",
					"Tick the posts to work on first.")));

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	Posts posts;

	@Autowired
	PostRevisions revisions;

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
	MutableClock clock;

	@Autowired
	org.drugsandcrime.blog.core.trash.Trash trash;

	/** Does something on a screen as an admin (or, for the login page, as a visitor) and returns the page it ends on. */
	@FunctionalInterface
	interface Action {

		String perform(EveryScreenNoticeTests test) throws Exception;
	}

	/** Opens a screen with nothing having happened, and returns it. */
	@FunctionalInterface
	interface Visit {

		String open(EveryScreenNoticeTests test);
	}

	static Stream<Arguments> screens() {
		return Stream.of(
				screen("login", test -> Portal.anonymous(test.web).page("/login")),
				screen("forgot password", test -> Portal.anonymous(test.web).page("/password/forgot")),
				screen("dashboard", test -> test.admin().page("/")),
				screen("posts", test -> test.admin().page("/posts")),
				screen("editor", test -> test.admin().page("/posts/" + test.draft().getId() + "/edit")),
				screen("preview", test -> test.admin().page("/posts/" + test.draft().getId() + "/preview")),
				screen("revisions", test -> test.admin().page("/posts/" + test.draft().getId() + "/revisions")),
				screen("post changes", test -> test.admin().page("/posts/" + test.changeWaiting() + "/changes")),
				screen("pages", test -> test.admin().page("/pages")),
				screen("page editor", test -> test.admin().page("/pages/" + test.page() + "/edit")),
				screen("media", test -> test.admin().page("/media")),
				screen("comments", test -> test.admin().page("/comments")),
				screen("taxonomy", test -> test.admin().page("/taxonomy/tag")),
				screen("navigation", test -> test.admin().page("/navigation")),
				screen("users", test -> test.admin().page("/users")),
				screen("settings", test -> test.admin().page("/settings")),
				screen("account", test -> test.admin().page("/account")),
				screen("outbox", test -> test.admin().page("/outbox")),
				screen("subscribers", test -> test.admin().page("/subscribers")),
				screen("audit", test -> test.admin().page("/audit")),
				screen("wordpress", test -> test.admin().page("/wordpress")),
				screen("wordpress import", test -> test.admin().page(location(test.admin()
					.postMultipart("/wordpress/imports", wordPressExport(test.admin(), "<rss/>"))).replaceAll("\\?.*", ""))));
	}

	static Stream<Arguments> actions() {
		return Stream.of(
				action("login", "a wrong password", "Wrong email, password or code.",
						test -> test.shown(Portal.anonymous(test.web), anonymous -> anonymous.submitLogin(test.user(Role.AUTHOR).email(), "wrong"))),
				action("login", "too many wrong passwords", "Too many failed sign-ins from here: wait a little and try again.", test -> {
					String email = test.user(Role.AUTHOR).email();
					for (int attempt = 0; attempt < 5; attempt++) {
						Portal.anonymous(test.web).submitLogin(email, "guess " + attempt).expectStatus().is3xxRedirection();
					}
					return test.shown(Portal.anonymous(test.web), anonymous -> anonymous.submitLogin(email, StaffMembers.PASSWORD));
				}),
				action("login", "signing out", "You are signed out.", test -> test.shown(test.freshAdmin(), p -> p.post("/logout"))),
				action("forgot password", "ask for a link", "If a staff account has that address, a mail with a link",
						test -> test.shown(Portal.anonymous(test.web), anonymous -> anonymous.post("/password/forgot", "email",
								"nobody" + System.nanoTime() + "@example.org"))),

				action("editor", "save", "Saved.", test -> test.onEditor("save")),
				action("editor", "publish", "Published.", test -> test.onEditor("publish")),
				action("editor", "schedule", "Scheduled.", test -> test.onEditor("schedule")),
				action("editor", "unpublish", "Taken off the site.", test -> test.onEditor("unpublish")),
				action("editor", "submit for review", "Submitted: an editor will review it.", test -> {
					StaffUser author = test.user(Role.AUTHOR);
					Post post = test.posts.draft("Mine to submit").by(author).save();
					Portal portal = Portal.signIn(test.web, author);
					return test.shown(portal, p -> p.post("/posts/" + post.getId(), "title", "Mine to submit", "body", "Text.",
							"action", "submit"));
				}),
				action("editor", "restore a revision", "The revision is back; the text it replaced is kept as a revision.", test -> {
					Portal portal = test.admin();
					long id = test.draft().getId();
					portal.post("/posts/" + id, "title", "A second title", "body", "Second text.", "action", "save")
						.expectStatus().is3xxRedirection();
					long revision = test.revisions.of(id).blockFirst().id();
					return test.shown(portal, p -> p.post("/posts/" + id + "/revisions/" + revision + "/restore"));
				}),
				action("editor", "a schedule in the past, refused", "A scheduled time must be in the future", test -> test
					.shown(test.admin(), p -> p.post("/posts/" + test.draft().getId(), "title", "Too late", "body", "Text.",
							"publishAt", "2001-01-01T09:00", "action", "schedule"))),
				action("editor", "discard the autosaved text", "The autosaved text is gone; this is the post as last saved.",
						test -> test.shown(test.admin(), p -> p.post("/posts/" + test.draft().getId() + "/autosave/discard"))),
				action("editor", "an author's edit of a live post", "Your changes wait for an editor's review;", test -> {
					StaffUser author = test.user(Role.AUTHOR);
					Post post = test.posts.draft("Mine and live " + System.nanoTime()).by(author).publish();
					return test.shown(Portal.signIn(test.web, author), p -> p.post("/posts/" + post.getId(), "title",
							"Mine, changed", "body", "Changed.", "action", "save"));
				}),
				action("editor", "an author's edit of a scheduled post", "Your edit is kept, and the post is no longer scheduled", test -> {
					StaffUser author = test.user(Role.AUTHOR);
					Post post = test.posts.draft("Mine and scheduled " + System.nanoTime()).by(author)
						.scheduleIn(java.time.Instant.now(), java.time.Duration.ofDays(2));
					return test.shown(Portal.signIn(test.web, author), p -> p.post("/posts/" + post.getId(), "title",
							"Mine, rescheduled", "body", "Changed.", "action", "save"));
				}),
				action("editor", "approve an author's change", "Approved: the post on the site now reads as the author proposed.",
						test -> test.shown(test.admin(), p -> p.post("/posts/" + test.changeWaiting() + "/changes/approve"))),
				action("editor", "reject an author's change", "Rejected: the post on the site stays as it was.",
						test -> test.shown(test.admin(), p -> p.post("/posts/" + test.changeWaiting() + "/changes/reject"))),
				action("editor", "withdraw one's own change", "Your waiting changes are withdrawn.", test -> {
					StaffUser author = test.user(Role.AUTHOR);
					long id = test.changeWaiting(author);
					return test.shown(Portal.signIn(test.web, author), p -> p.post("/posts/" + id + "/changes/reject"));
				}),
				action("preview", "save and preview", "Saved.", test -> test.onEditor("preview")),

				action("pages", "trash", "Moved to the trash: it is off the site, and can be restored below.",
						test -> test.shown(test.admin(), p -> p.post("/pages/" + test.page() + "/trash"))),
				action("pages", "restore", "Restored from the trash, as it was before.",
						test -> test.shown(test.admin(), p -> p.post("/pages/" + test.trashedPage() + "/restore"))),
				action("pages", "delete for good", "Deleted for good.",
						test -> test.shown(test.admin(), p -> p.post("/pages/" + test.trashedPage() + "/delete"))),
				action("pages", "empty the trash", "Trash emptied:", test -> {
					test.trashedPage();
					return test.shown(test.admin(), p -> p.post("/pages/trash/empty"));
				}),

				action("posts", "trash", "Moved to the trash: it is off the site, and can be restored from the trash.",
						test -> test.shown(test.admin(), p -> p.post("/posts/" + test.draft().getId() + "/trash"))),
				action("posts", "restore", "Restored from the trash, as it was before.",
						test -> test.shown(test.admin(), p -> p.post("/posts/" + test.trashedPost() + "/restore"))),
				action("posts", "delete for good", "Deleted for good, with its comments and revisions.",
						test -> test.shown(test.admin(), p -> p.post("/posts/" + test.trashedPost() + "/delete"))),
				action("posts", "empty the trash", "Trash emptied:", test -> {
					test.trashedPost();
					return test.shown(test.admin(), p -> p.post("/posts/trash/empty"));
				}),
				action("posts", "bulk publish", "2 posts published.", test -> test.shown(test.admin(), p -> p.post("/posts/bulk",
						"ids", test.draft().getId().toString(), "ids", test.draft().getId().toString(), "action", "publish"))),
				action("posts", "bulk unpublish", "1 post taken off the site.", test -> test.shown(test.admin(),
						p -> p.post("/posts/bulk", "ids", Long.toString(test.livePost()), "action", "unpublish"))),
				action("posts", "bulk trash", "1 post moved to the trash.", test -> test.shown(test.admin(),
						p -> p.post("/posts/bulk", "ids", test.draft().getId().toString(), "action", "trash"))),
				action("posts", "bulk category", "Category set on 1 post.", test -> test.shown(test.admin(),
						p -> p.post("/posts/bulk", "ids", test.draft().getId().toString(), "action", "category", "category",
								Long.toString(test.category())))),
				action("posts", "bulk with nothing ticked", "Tick the posts to work on first.",
						test -> test.shown(test.admin(), p -> p.post("/posts/bulk", "action", "publish"))),
				action("page editor", "save", "Saved.", test -> test.shown(test.admin(),
						p -> p.post("/pages/" + test.page(), "title", "Contact us", "body", "Write.", "action", "save"))),
				action("page editor", "a body too long, refused", "The body is longer than", test -> test.shown(test.admin(),
						p -> p.post("/pages/" + test.page(), "title", "Contact us", "body", "x".repeat(500_001), "action", "save"))),

				action("media", "upload", "Uploaded.", test -> test.shown(test.admin(), p -> test.upload(p))),
				action("media", "delete", "Deleted.", test -> {
					Portal portal = test.admin();
					String uploaded = portal.page(location(test.upload(portal)));
					Matcher id = Pattern.compile("action=\"/media/(\\d+)/delete\"").matcher(uploaded);
					assertThat(id.find()).isTrue();
					return test.shown(portal, p -> p.post("/media/" + id.group(1) + "/delete"));
				}),
				action("media", "an upload that is no image, refused", "Choose an image file to upload.",
						test -> test.shown(test.admin(), p -> p.postMultipart("/media", multipart(p, null)))),

				action("comments", "approve", "1 comment approved.", test -> test.shown(test.admin(),
						p -> p.post("/comments/moderate", "ids", Long.toString(test.comment()), "action", "approve", "from", "pending"))),
				action("comments", "spam", "1 comment marked as spam.", test -> test.shown(test.admin(),
						p -> p.post("/comments/moderate", "ids", Long.toString(test.comment()), "action", "spam", "from", "pending"))),
				action("comments", "trash", "1 comment moved to the trash.", test -> test.shown(test.admin(),
						p -> p.post("/comments/moderate", "ids", Long.toString(test.comment()), "action", "trash", "from", "pending"))),
				action("comments", "back to pending", "1 comment moved back to pending.", test -> test.shown(test.admin(),
						p -> p.post("/comments/moderate", "ids", Long.toString(test.comment()), "action", "pending", "from", "spam"))),
				action("comments", "bulk with nothing ticked", "Nothing changed: tick the comments first.",
						test -> test.shown(test.admin(), p -> p.post("/comments/moderate", "action", "approve", "from", "pending"))),
				action("comments", "reply", "Your reply is on the site.",
						test -> test.shown(test.admin(), p -> p.post("/comments/" + test.comment() + "/reply", "body", "Thank you."))),
				action("comments", "edit", "The comment's new text is on the site.", test -> test.shown(test.admin(),
						p -> p.post("/comments/" + test.comment() + "/edit", "body", "Corrected.", "from", "pending"))),
				action("comments", "an empty reply, refused", null,
						test -> test.shown(test.admin(), p -> p.post("/comments/" + test.comment() + "/reply", "body", " "))),

				action("taxonomy", "add", "Added.",
						test -> test.shown(test.admin(), p -> p.post("/taxonomy/tag", "name", "Tag " + System.nanoTime()))),
				action("taxonomy", "rename", "Renamed; its archive keeps its address.", test -> test.shown(test.admin(),
						p -> p.post("/taxonomy/tag/" + test.tag() + "/rename", "name", "Renamed " + System.nanoTime()))),
				action("taxonomy", "merge", "Merged; the old archive address redirects to the new one.", test -> test
					.shown(test.admin(), p -> p.post("/taxonomy/tag/" + test.tag() + "/merge", "into", Long.toString(test.tag())))),
				action("taxonomy", "delete", "Deleted.",
						test -> test.shown(test.admin(), p -> p.post("/taxonomy/tag/" + test.tag() + "/delete"))),
				action("taxonomy", "an empty name, refused", null,
						test -> test.shown(test.admin(), p -> p.post("/taxonomy/tag", "name", " "))),

				action("navigation", "add", "Added to the menu.",
						test -> test.shown(test.admin(), p -> p.post("/navigation", "label", "About", "url", "/pages/about"))),
				action("navigation", "move", "Moved.",
						test -> test.shown(test.admin(), p -> p.post("/navigation/" + test.menuItem() + "/move", "direction", "down"))),
				action("navigation", "remove", "Removed from the menu.",
						test -> test.shown(test.admin(), p -> p.post("/navigation/" + test.menuItem() + "/remove"))),
				action("navigation", "a script address, refused", null, test -> test.shown(test.admin(),
						p -> p.post("/navigation", "label", "Evil", "url", "javascript:alert(1)"))),

				action("users", "create", "Account created; it can sign in now, and chooses its own password at the first sign-in.", test -> test.shown(test.admin(),
						p -> p.post("/users", "email", "made" + System.nanoTime() + "@example.org", "displayName", "Made",
								"role", "AUTHOR", "password", StaffMembers.PASSWORD))),
				action("users", "invite", "Invitation sent: a mail with a link to choose a password is on its way.", test -> test.shown(test.admin(),
						p -> p.post("/users", "email", "invited" + System.nanoTime() + "@example.org", "displayName", "Invited",
								"role", "AUTHOR", "password", ""))),
				action("users", "change a role", "Role changed; it counts at once.", test -> test.shown(test.admin(),
						p -> p.post("/users/" + test.user(Role.AUTHOR).id() + "/role", "role", "EDITOR"))),
				action("users", "disable", "Account disabled; it can no longer sign in.", test -> test.shown(test.admin(),
						p -> p.post("/users/" + test.user(Role.AUTHOR).id() + "/enabled", "enabled", "false"))),
				action("users", "enable", "Account enabled; it can sign in again.", test -> test.shown(test.admin(),
						p -> p.post("/users/" + test.user(Role.AUTHOR).id() + "/enabled", "enabled", "true"))),
				action("users", "an address that is none, refused", null, test -> test.shown(test.admin(),
						p -> p.post("/users", "email", "not-an-address", "displayName", "X", "role", "AUTHOR"))),

				action("settings", "save", "Saved; the public site shows it within seconds.",
						test -> test.shown(test.admin(), p -> p.post("/settings", "title", "Drugs and crime", "postsPerPage", "10"))),
				action("settings", "posts per page out of range, refused", "Posts per page must be between 1 and 100.",
						test -> test.shown(test.admin(), p -> p.post("/settings", "title", "Drugs and crime", "postsPerPage", "5000"))),

				action("account", "save the profile", "Profile saved; your posts show it within seconds.",
						test -> test.shown(test.admin(), p -> p.post("/account/profile", "displayName", "Renamed admin", "bio", ""))),
				action("account", "change the password", "Password changed; use it next time you sign in.",
						test -> test.shown(test.freshAdmin(), p -> p.post("/account/password", "current", StaffMembers.PASSWORD,
								"password", "a brand new passphrase", "repeat", "a brand new passphrase"))),
				action("account", "ask for mail when comments wait", "You will get an email when a reader's comment waits",
						test -> test.shown(test.admin(), p -> p.post("/account/comment-mail", "wanted", "on"))),
				action("account", "stop the mail when comments wait", "No more emails about comments waiting for moderation.",
						test -> test.shown(test.admin(), p -> p.post("/account/comment-mail"))),
				action("account", "turn two-factor sign-in on", "Two-factor sign-in is on: sign-ins now ask for a code.",
						test -> {
							Portal portal = test.freshAdmin();
							String secret = portal.page("/account").replaceAll("(?s).*<code class=\"totp-secret\">([A-Z2-7]+)</code>.*", "$1");
							return test.shown(portal, p -> p.post("/account/two-factor", "code", Rfc6238.code(secret, test.clock.instant())));
						}),
				action("account", "turn two-factor sign-in off", "Two-factor sign-in is off.",
						test -> test.withTwoFactor(portal -> test.shown(portal, p -> p.post("/account/two-factor/off", "password",
								StaffMembers.PASSWORD, "code", Rfc6238.T1111111111.code())))),
				action("account", "start replacing the two-factor key", "Add the new key to your authenticator app",
						test -> test.withTwoFactor(portal -> test.shown(portal, p -> p.post("/account/two-factor/replace", "password",
								StaffMembers.PASSWORD, "code", Rfc6238.T1111111111.code())))),
				action("account", "make new recovery codes", "New recovery codes; the old ones no longer work.",
						test -> test.withTwoFactor(portal -> test.shown(portal, p -> p.post("/account/recovery-codes", "password",
								StaffMembers.PASSWORD, "code", Rfc6238.T1111111111.code())))),
				action("account", "turn two-factor sign-in off with a wrong password, refused", "Your password or code is not right.",
						test -> test.withTwoFactor(portal -> test.shown(portal, p -> p.post("/account/two-factor/off", "password",
								"not the password", "code", Rfc6238.T1111111111.code())))),
				action("account", "two new passwords that differ, refused", "The new password and its repetition differ.",
						test -> test.shown(test.admin(), p -> p.post("/account/password", "current", StaffMembers.PASSWORD,
								"password", "a brand new passphrase", "repeat", "another passphrase"))),

				action("outbox", "resend", "0 failed mails queued again.",
						test -> test.shown(test.admin(), p -> p.post("/outbox/resend", "ids", "999999999"))),

				action("subscribers", "remove", "Removed.",
						test -> test.shown(test.admin(), p -> p.post("/subscribers/" + test.subscriber() + "/remove"))),
				action("subscribers", "remove one already gone", "That subscriber was already removed.",
						test -> test.shown(test.admin(), p -> p.post("/subscribers/999999999/remove"))),
				action("subscribers", "ask imported subscribers to confirm", " to confirm; the mails are on their way.",
						test -> test.shown(test.admin(), p -> {
							test.importList(p, "reader" + System.nanoTime() + "@example.org,Reader,no\n").expectStatus().isOk();
							return p.post("/subscribers/ask-imported");
						})),
				action("subscribers", "ask when nobody is left to ask",
						"Nobody to ask: every imported subscriber has confirmed or has been asked already.",
						test -> test.shown(test.admin(), p -> {
							p.post("/subscribers/ask-imported").expectStatus().is3xxRedirection();
							return p.post("/subscribers/ask-imported");
						})),
				action("subscribers", "import a file that is not a list, refused", null,
						test -> test.shown(test.admin(), p -> test.importList(p, "email\n\u0000\u0001binary\n"))),

				action("wordpress import", "upload an export", "The import has started: this page follows it to the end.",
						test -> test.shown(test.admin(), p -> p.postMultipart("/wordpress/imports", wordPressExport(p, "<rss/>")))),
				action("wordpress", "an upload without its file, refused", "Choose the WordPress export file",
						test -> test.shown(test.admin(), p -> p.postMultipart("/wordpress/imports", wordPressExport(p, null)))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("screens")
	void aPlainVisitShowsNoNotice(String screen, Visit visit) {
		String html = visit.open(this);
		assertThat(notices(html)).as("notices on a plain visit to " + screen).isEmpty();
		for (String text : KNOWN.get(screen)) {
			assertThat(HtmlUtils.htmlUnescape(html)).as(screen).doesNotContain(text);
		}
	}

	/**
	 * The action's own words, once, and none of its screen's other notices. A refusal whose words come from the rules
	 * ({@code expected} null) is checked for being the screen's one error notice.
	 */
	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("actions")
	void eachActionShowsExactlyItsOwnNotice(String screen, String action, String expected, Action perform) throws Exception {
		String html = perform.perform(this);
		List<String[]> shown = notices(html);
		assertThat(shown).as(screen + ": " + action).hasSize(1);
		String text = shown.get(0)[1];
		if (expected == null) {
			assertThat(shown.get(0)[0]).as("an error, said as an alert").isEqualTo("error");
			return;
		}
		assertThat(text).as(screen + ": " + action).contains(expected);
		String page = HtmlUtils.htmlUnescape(html);
		for (String other : KNOWN.get(screen)) {
			if (!text.contains(other) && !other.contains(expected) && !expected.contains(other)) {
				assertThat(page).as(screen + ": " + action + " shows only its own notice").doesNotContain(other);
			}
		}
	}

	/** The quick, database-free rules of reading an outcome from an address. */
	@Test
	void anUnknownOrMissingOutcomeShowsNothingAndACountIsNeverNegative() {
		enum Sample implements Outcome {
			DONE_TWICE;

			@Override
			public Notice notice(long count) {
				return Notice.success(Notice.count(count, "thing", "things") + " done.");
			}
		}
		assertThat(Notice.after(null, null, Sample.class)).isNull();
		assertThat(Notice.after("DONE_TWICE", null, Sample.class)).as("names are matched as written in addresses").isNull();
		assertThat(Notice.after("<script>", "1", Sample.class)).isNull();
		assertThat(Notice.after("done-twice", "1", Sample.class)).isEqualTo(Notice.success("1 thing done."));
		assertThat(Notice.after("done-twice", "-4", Sample.class).text()).isEqualTo("0 things done.");
		assertThat(Notice.after("done-twice", "lots", Sample.class).text()).isEqualTo("0 things done.");
		assertThat(Sample.DONE_TWICE.redirectTo("/x?status=a", 3)).isEqualTo("redirect:/x?status=a&done=done-twice&n=3");
	}

	/** The old bug came from templates guessing from request parameters: no template may read them. */
	@Test
	void noTemplateReadsRequestParameters() throws IOException {
		Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
		assertThat(templates).isNotEmpty();
		for (Resource template : templates) {
			String text = template.getContentAsString(StandardCharsets.UTF_8);
			assertThat(text).as(template.getFilename()).doesNotContainPattern("\\bparam\\s*[.\\[]");
		}
	}

	// What the actions need, made fresh for each so that no action depends on another.

	/** One admin's session for the actions that leave it as it was; signing in is slow (Argon2) and not under test. */
	private static Portal sharedAdmin;

	Portal admin() {
		if (sharedAdmin == null) {
			sharedAdmin = freshAdmin();
		}
		return sharedAdmin;
	}

	/**
	 * Does {@code action} as an admin signed in with two-factor sign-in on (the RFC's secret), with the clock at
	 * RFC 6238's vector time 1111111111 (code {@code 050471}), and puts the clock back afterwards.
	 */
	String withTwoFactor(java.util.function.Function<Portal, String> action) {
		StaffUser admin = user(Role.ADMIN);
		accounts.setTotpSecret(admin.id(), Rfc6238.SECRET).block();
		try {
			clock.set(Rfc6238.T1111111109.time());
			Portal portal = Portal.signIn(web, admin.email(), StaffMembers.PASSWORD, Rfc6238.T1111111109.code());
			clock.set(Rfc6238.T1111111111.time());
			return action.apply(portal);
		}
		finally {
			clock.set(Instant.now());
		}
	}

	Portal freshAdmin() {
		return Portal.signIn(web, staff.create(Role.ADMIN));
	}

	StaffUser user(Role role) {
		return staff.create(role);
	}

	Post draft() {
		return posts.draft("A draft " + System.nanoTime()).save();
	}

	long page() {
		return pages.save(null, "Contact " + System.nanoTime(), null, "Write to us.", PageStatus.DRAFT, null, null, null)
			.block()
			.id();
	}

	long trashedPage() {
		long id = page();
		trash.trashPage(id).block();
		return id;
	}

	long trashedPost() {
		long id = draft().getId();
		trash.trashPost(id).block();
		return id;
	}

	/** A live post of an author's with the author's change waiting for review. */
	long changeWaiting() {
		return changeWaiting(user(Role.AUTHOR));
	}

	long changeWaiting(StaffUser author) {
		long id = posts.draft("Live, changed " + System.nanoTime()).by(author).publish().getId();
		Portal.signIn(web, author).post("/posts/" + id, "title", "The author's change", "body", "Changed.", "action", "save")
			.expectStatus().is3xxRedirection();
		return id;
	}

	long livePost() {
		return posts.draft("Live " + System.nanoTime()).publish().getId();
	}

	long category() {
		return taxonomy.create(Kind.CATEGORY, "Category " + System.nanoTime()).block().id();
	}

	long comment() {
		Post post = posts.draft("Discussed " + System.nanoTime()).publish();
		return comments.submit(post.getId(), null, "A reader", "reader@example.org", null, "A thought.", false, "203.0.113.9")
			.block()
			.id();
	}

	long tag() {
		return taxonomy.create(Kind.TAG, "Tag " + System.nanoTime()).block().id();
	}

	long menuItem() {
		return site.addItem("Item " + System.nanoTime(), "/pages/item").block().id();
	}

	/** Uploads {@code csv} as a list of subscribers to import. */
	WebTestClient.ResponseSpec importList(Portal portal, String csv) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		parts.part("file", new ByteArrayResource(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "list.csv";
			}
		});
		return portal.postMultipart("/subscribers/import", parts.build());
	}

	long subscriber() {
		return subscribers.save(new Subscriber(null, "reader" + System.nanoTime() + "@example.org", SubscriberStatus.PENDING,
				Instant.now(), null, null)).block().id();
	}

	String onEditor(String action) {
		Portal portal = admin();
		Post post = draft();
		// Ahead of the portal's clock, which other classes move, not of this machine's.
		String tomorrow = LocalDateTime.ofInstant(clock.instant().plus(2, ChronoUnit.DAYS), ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.MINUTES)
			.toString();
		return shown(portal, p -> p.post("/posts/" + post.getId(), "title", post.getTitle(), "slug", post.getSlug(), "body",
				"Text.", "publishAt", tomorrow, "action", action));
	}

	WebTestClient.ResponseSpec upload(Portal portal) {
		return portal.postMultipart("/media", multipart(portal, pngBytes()));
	}

	/** The page the browser ends on: the response itself, or where its redirect leads, opened in the same session. */
	String shown(Portal portal, java.util.function.Function<Portal, WebTestClient.ResponseSpec> request) {
		EntityExchangeResult<String> result = request.apply(portal).expectBody(String.class).returnResult();
		if (result.getStatus().is3xxRedirection()) {
			return portal.page(result.getResponseHeaders().getLocation().toString());
		}
		return result.getResponseBody();
	}

	static String location(WebTestClient.ResponseSpec response) {
		return response.expectStatus().is3xxRedirection().expectBody(String.class).returnResult().getResponseHeaders()
			.getLocation().toString();
	}

	static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> multipart(Portal portal,
			byte[] png) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		if (png != null) {
			parts.part("file", new ByteArrayResource(png) {
				@Override
				public String getFilename() {
					return "notice.png";
				}
			});
		}
		parts.part("alt", "A chart");
		return parts.build();
	}

	static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> wordPressExport(Portal portal,
			String xml) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("_csrf", portal.csrfToken());
		if (xml != null) {
			parts.part("file", new ByteArrayResource(xml.getBytes(StandardCharsets.UTF_8)) {
				@Override
				public String getFilename() {
					return "notice.xml";
				}
			});
		}
		return parts.build();
	}

	static byte[] pngBytes() {
		try {
			var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
			var out = new java.io.ByteArrayOutputStream();
			javax.imageio.ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Each notice on the page as {class, words}. */
	static List<String[]> notices(String html) {
		List<String[]> found = new ArrayList<>();
		Matcher matcher = NOTICE.matcher(html == null ? "" : html);
		while (matcher.find()) {
			Matcher kind = KIND.matcher(matcher.group(1));
			assertThat(kind.find()).as("class and role of " + matcher.group()).isTrue();
			String cssClass = kind.group(1) != null ? kind.group(1) : kind.group(4);
			String role = kind.group(2) != null ? kind.group(2) : kind.group(3);
			assertThat(role).as("the role that goes with " + cssClass).isEqualTo("error".equals(cssClass) ? "alert" : "status");
			found.add(new String[] { cssClass, HtmlUtils.htmlUnescape(matcher.group(2)) });
		}
		assertThat(html.split("id=\"notice\"", -1).length - 1).as("every notice goes through notice.html").isEqualTo(found.size());
		return found;
	}

	private static Arguments screen(String name, Visit visit) {
		return Arguments.of(name, visit);
	}

	private static Arguments action(String screen, String action, String expected, Action perform) {
		return Arguments.of(screen, action, expected, perform);
	}
}
