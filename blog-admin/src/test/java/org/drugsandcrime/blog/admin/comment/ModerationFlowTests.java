package org.drugsandcrime.blog.admin.comment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.comment.Comment;
import org.drugsandcrime.blog.core.comment.CommentRepository;
import org.drugsandcrime.blog.core.comment.CommentStatus;
import org.drugsandcrime.blog.core.comment.PostComments;
import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moderation screen as an editor works down it: tabs that say where they are, each comment's post a link, a
 * reply beside what it answers, and every action bringing them back where they were.
 */
@PortalTest
class ModerationFlowTests {

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	Posts posts;

	@Autowired
	PostComments comments;

	@Autowired
	CommentRepository commentRepository;

	Portal portal;

	Post post;

	@BeforeEach
	void setUp() {
		portal = Portal.signIn(web, staff.create(Role.EDITOR));
		post = posts.draft("Moderation that flows " + System.nanoTime()).publish();
	}

	@Test
	void theStatusTabsAreSeparateLinksWithTheirCountsAndTheCurrentOneIsMarked() {
		comment("Waiting one.");
		String html = portal.page("/comments?status=spam&post=" + post.getId());
		List<String> tabs = new ArrayList<>();
		Matcher tab = Pattern.compile("<li><a href=\"([^\"]+)\"( aria-current=\"page\")?><span>(\\w+)</span> <span class=\"count\">(\\d+)</span></a></li>")
			.matcher(html);
		while (tab.find()) {
			tabs.add(tab.group(3) + " " + tab.group(4) + (tab.group(2) != null ? " (current)" : "") + " -> "
					+ tab.group(1).replace("&amp;", "&"));
		}
		assertThat(tabs).containsExactly("Pending 1 -> /comments?status=pending&post=" + post.getId(),
				"Approved 0 -> /comments?status=approved&post=" + post.getId(),
				"Spam 0 (current) -> /comments?status=spam&post=" + post.getId(),
				"Trash 0 -> /comments?status=trash&post=" + post.getId());
		assertThat(html).contains("<nav class=\"tabs\" aria-label=\"Comments by status\">").contains("No spam comments here.");
	}

	@Test
	void eachCommentLinksItsPostInTheEditorAndOnTheSiteOnceReadersCanSeeIt() {
		Comment onLive = comment("On a live post.");
		Post draft = posts.draft("Not out yet " + System.nanoTime()).save();
		comments.submit(draft.getId(), null, "Early reader", "early@example.org", null, "On a draft.", false, "203.0.113.7").block();

		String live = portal.page("/comments?post=" + post.getId());
		assertThat(live).contains("<a href=\"/posts/" + post.getId() + "/edit\">" + post.getTitle() + "</a>")
			.contains("href=\"http://localhost:8080/posts/" + post.getSlug() + "\"")
			.contains("href=\"/comments?status=pending&amp;post=" + post.getId() + "\">this post's comments</a>");
		portal.post("/comments/moderate", "ids", onLive.id().toString(), "action", "approve", "from", "pending");
		assertThat(portal.page("/comments?status=approved&post=" + post.getId()))
			.contains("href=\"http://localhost:8080/posts/" + post.getSlug() + "#comment-" + onLive.id() + "\"");

		String early = portal.page("/comments?post=" + draft.getId());
		assertThat(early).contains("<a href=\"/posts/" + draft.getId() + "/edit\">" + draft.getTitle() + "</a>")
			.contains("not on the site yet").doesNotContain("/posts/" + draft.getSlug() + "\"");
		portal.get("/comments?post=999999999").expectStatus().isNotFound();
	}

	@Test
	void aReplyShowsTheStartOfTheCommentItAnswersAndWhoWroteIt() {
		Comment question = comment("Where is the evaluation published? " + "And why so late? ".repeat(30));
		// Readers answer only comments they can see; this one went back to moderation after it was answered.
		comments.moderate(question.id(), CommentStatus.APPROVED).block();
		Comment answer = comments.submit(post.getId(), question.id(), "Second reader", "second@example.org", null,
				"It is on the Ministry's site.", false, "203.0.113.8").block();
		comments.moderate(question.id(), CommentStatus.PENDING).block();
		String pending = portal.page("/comments?post=" + post.getId());
		String reply = article(pending, answer.id());
		assertThat(reply).contains("In reply to <strong>A reader</strong><span> (pending)</span>:")
			.contains("<blockquote>Where is the evaluation published? And why so late?")
			.contains("And why…</blockquote>");
		assertThat(article(pending, question.id())).doesNotContain("In reply to");

		portal.post("/comments/" + question.id() + "/reply", "body", "It was published in May.", "from", "pending")
			.expectStatus().is3xxRedirection();
		String approved = portal.page("/comments?status=approved&post=" + post.getId());
		Comment staffReply = commentRepository.findAll()
			.filter(c -> c.postId() == post.getId() && c.userId() != null)
			.blockFirst();
		assertThat(article(approved, staffReply.id())).contains("(staff)").contains("In reply to <strong>A reader</strong>:")
			.contains("<blockquote>Where is the evaluation published?");
	}

	@Test
	void approvingSpammingAndTrashingComeBackToTheSameTabPageAndPostNextToTheNextComment() {
		Comment first = comment("Newest first, so this is last.");
		Comment second = comment("The middle one.");
		Comment third = comment("The newest.");
		String queue = portal.page("/comments?status=pending&post=" + post.getId());
		assertThat(queue.indexOf("comment-" + third.id())).isLessThan(queue.indexOf("comment-" + second.id()));

		MultiValueMap<String, String> approve = actionForm(queue, third.id(), "approve");
		assertThat(approve.getFirst("near")).isEqualTo(second.id().toString());
		portal.post("/comments/moderate", approve).expectStatus().is3xxRedirection().expectHeader()
			.location("/comments?status=pending&post=" + post.getId() + "&done=approved&n=1#comment-" + second.id());
		String after = portal.page("/comments?status=pending&post=" + post.getId() + "&done=approved&n=1");
		assertThat(after).contains("1 comment approved.").doesNotContain("comment-" + third.id() + "\"");

		// The last one on the page has no next: land on the one above it.
		portal.post("/comments/moderate", actionForm(after, first.id(), "spam")).expectHeader()
			.location("/comments?status=pending&post=" + post.getId() + "&done=spammed&n=1#comment-" + second.id());
		// On the approved tab, moving one back to pending leaves the tab; approving one there would not.
		String approvedTab = portal.page("/comments?status=approved&post=" + post.getId());
		portal.post("/comments/moderate", actionForm(approvedTab, third.id(), "trash")).expectHeader()
			.location("/comments?status=approved&post=" + post.getId() + "&done=trashed&n=1");
		assertThat(commentRepository.findById(third.id()).block().status()).isEqualTo(CommentStatus.TRASH);
	}

	@Test
	void bulkActionsAndRepliesAndEditsComeBackToTheTabTheyWereDoneOn() {
		Comment a = comment("Bulk one.");
		Comment b = comment("Bulk two.");
		Comment c = comment("Stays to be answered.");
		MultiValueMap<String, String> bulk = new LinkedMultiValueMap<>();
		bulk.add("ids", a.id().toString());
		bulk.add("ids", b.id().toString());
		bulk.add("action", "spam");
		bulk.add("from", "pending");
		bulk.add("post", post.getId().toString());
		bulk.add("page", "1");
		portal.post("/comments/moderate", bulk).expectHeader()
			.location("/comments?status=pending&post=" + post.getId() + "&done=spammed&n=2");
		assertThat(portal.page("/comments?status=pending&post=" + post.getId() + "&done=spammed&n=2"))
			.contains("2 comments marked as spam.");
		portal.post("/comments/moderate", "action", "approve", "from", "spam").expectHeader()
			.location("/comments?status=spam&done=nothing-ticked&n=0");

		String queue = portal.page("/comments?status=pending&post=" + post.getId());
		MultiValueMap<String, String> reply = form(queue, "/comments/" + c.id() + "/reply");
		reply.set("body", "Thank you: see the report.");
		portal.post("/comments/" + c.id() + "/reply", reply).expectHeader()
			.location("/comments?status=pending&post=" + post.getId() + "&done=replied&n=1");
		assertThat(portal.page("/comments?status=pending&post=" + post.getId() + "&done=replied&n=1"))
			.contains("Your reply is on the site");

		portal.post("/comments/" + c.id() + "/reply", "body", "On the approved tab it stays.", "from", "approved",
				"post", post.getId().toString())
			.expectHeader().location("/comments?status=approved&post=" + post.getId() + "&done=replied&n=1#comment-" + c.id());
		portal.post("/comments/" + c.id() + "/reply", "body", " ", "from", "approved").expectStatus().isBadRequest()
			.expectBody(String.class).value(html -> assertThat(html).contains("A reply needs some text.")
				.contains("aria-current=\"page\"><span>Approved</span>"));
		portal.post("/comments/" + a.id() + "/edit", "body", "Bulk one, tidied.", "from", "spam", "page", "1")
			.expectHeader().location("/comments?status=spam&done=edited&n=1#comment-" + a.id());
	}

	@Test
	void aPageThatEmptiedShowsTheLastPageThatStillHasComments() {
		comment("Alone on its post.");
		assertThat(portal.page("/comments?status=pending&post=" + post.getId() + "&page=7")).contains("Alone on its post.");
	}

	@Test
	void authorsCannotSeeOrWorkTheQueueAndNoActionWorksWithoutTheCsrfToken() {
		Comment comment = comment("Not for authors.");
		Portal author = Portal.signIn(web, staff.create(Role.AUTHOR));
		author.get("/comments").expectStatus().isForbidden();
		author.post("/comments/moderate", "ids", comment.id().toString(), "action", "approve").expectStatus().isForbidden();
		author.post("/comments/" + comment.id() + "/reply", "body", "Hi").expectStatus().isForbidden();
		portal.postWithoutToken("/comments/moderate", Portal.form("ids", comment.id().toString(), "action", "approve"))
			.expectStatus().isForbidden();
		portal.postWithoutToken("/comments/" + comment.id() + "/reply", Portal.form("body", "Forged"))
			.expectStatus().isForbidden();
		assertThat(commentRepository.findById(comment.id()).block().status()).isEqualTo(CommentStatus.PENDING);
	}

	Comment comment(String body) {
		return comments.submit(post.getId(), null, "A reader", "reader@example.org", null, body, false, "203.0.113.9").block();
	}

	static String article(String html, long id) {
		int start = html.indexOf("<article class=\"comment\" id=\"comment-" + id + "\"");
		assertThat(start).as("comment %d on the page", id).isNotNegative();
		return html.substring(start, html.indexOf("</article>", start));
	}

	/** The hidden fields of the form on the screen that does {@code action} to comment {@code id}, as a browser sends it. */
	static MultiValueMap<String, String> actionForm(String html, long id, String action) {
		String row = article(html, id);
		Matcher forms = Pattern.compile("(?s)<form class=\"inline\" method=\"post\" action=\"/comments/moderate\">(.*?)</form>")
			.matcher(row);
		while (forms.find()) {
			if (forms.group(1).contains("value=\"" + action + "\"")) {
				MultiValueMap<String, String> form = hidden(forms.group(1));
				form.add("action", action);
				return form;
			}
		}
		throw new AssertionError("No " + action + " button for comment " + id);
	}

	static MultiValueMap<String, String> form(String html, String action) {
		Matcher form = Pattern.compile("(?s)<form method=\"post\" action=\"" + Pattern.quote(action) + "\">(.*?)</form>").matcher(html);
		assertThat(form.find()).as("a form to " + action).isTrue();
		return hidden(form.group(1));
	}

	static MultiValueMap<String, String> hidden(String form) {
		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		Matcher input = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\"").matcher(form);
		while (input.find()) {
			if (!input.group(1).equals("_csrf")) {
				fields.add(input.group(1), input.group(2));
			}
		}
		return fields;
	}
}
