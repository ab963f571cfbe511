package org.drugsandcrime.blog.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostDraft;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;

/**
 * Builds the posts a test talks about, through the same services staff use, so every test's data obeys
 * the rules. Shared with the other modules' tests through blog-core's test-jar (this package only).
 * <pre>
 * Post post = posts.draft("Crossing the probation Rubicon").category("On Probation").publish();
 * </pre>
 */
public final class Posts {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

	private final PostEditing editing;

	private final PostPublishing publishing;

	private final StaffUserRepository users;

	public Posts(PostEditing editing, PostPublishing publishing, StaffUserRepository users) {
		this.editing = editing;
		this.publishing = publishing;
		this.users = users;
	}

	public StaffUser author(String name) {
		long n = sequence.incrementAndGet();
		return users.save(new StaffUser(null, "author" + n + "@example.org", name, "author-" + n,
				"Writes about probation and payment by results.", "author" + n, Role.AUTHOR, null, null, true,
				Instant.now())).block();
	}

	public Builder draft(String title) {
		return new Builder(title);
	}

	public final class Builder {

		private final String title;

		private String slug;

		private String body = "A paragraph about payment by results and reoffending.";

		private String excerpt;

		private final List<String> categories = new ArrayList<>();

		private final List<String> tags = new ArrayList<>();

		private String series;

		private Integer seriesPosition;

		private boolean featured;

		private String cover;

		private StaffUser author;

		private Builder(String title) {
			this.title = title;
		}

		public Builder slug(String value) {
			this.slug = value;
			return this;
		}

		public Builder body(String markdown) {
			this.body = markdown;
			return this;
		}

		public Builder excerpt(String value) {
			this.excerpt = value;
			return this;
		}

		public Builder category(String name) {
			categories.add(name);
			return this;
		}

		public Builder tag(String name) {
			tags.add(name);
			return this;
		}

		public Builder series(String name, int position) {
			this.series = name;
			this.seriesPosition = position;
			return this;
		}

		public Builder featured() {
			this.featured = true;
			return this;
		}

		public Builder cover(String image) {
			this.cover = image;
			return this;
		}

		public Builder by(StaffUser user) {
			this.author = user;
			return this;
		}

		public PostDraft toDraft(Long id) {
			StaffUser writer = author != null ? author : author("Test Author");
			this.author = writer;
			return new PostDraft(id, title, slug, body, excerpt, categories, tags, series, seriesPosition, featured, cover,
					null, writer.id());
		}

		/** Saved as a draft: not on the site. */
		public Post save() {
			return editing.save(toDraft(null), null).block();
		}

		/** Saved and published now. */
		public Post publish() {
			return publishing.publish(save().getId()).block();
		}

		/** Saved and scheduled {@code ahead} from the clock's now. */
		public Post scheduleIn(Instant now, Duration ahead) {
			return publishing.schedule(save().getId(), now.plus(ahead)).block();
		}
	}
}
