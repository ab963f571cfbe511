package org.drugsandcrime.blog.core.comment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.change.ContentChange;
import org.drugsandcrime.blog.core.change.ContentChanges;
import org.drugsandcrime.blog.core.mail.MailKind;
import org.drugsandcrime.blog.core.mail.Outbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The comments under a post: approved ones as a thread (one query, however many), and new ones from
 * readers, which wait for moderation. A reader's reply answers an approved comment of the same post, or is
 * refused; whatever code writes a comment, the database drops a parent of another post (V85).
 */
@Service
public class PostComments {

	/** Replies deeper than this are shown at this depth, so a long back-and-forth stays readable on a phone. */
	public static final int MAX_DEPTH = 4;

	private final CommentRepository comments;

	private final ContentChanges changes;

	private final Clock clock;

	private final Outbox outbox;

	private final TransactionalOperator transaction;

	private final ReplyNotices replyNotices;

	PostComments(CommentRepository comments, ContentChanges changes, Clock clock, Outbox outbox,
			TransactionalOperator transaction, ReplyNotices replyNotices) {
		this.replyNotices = replyNotices;
		this.comments = comments;
		this.changes = changes;
		this.clock = clock;
		this.outbox = outbox;
		this.transaction = transaction;
	}

	public Mono<List<ThreadedComment>> approvedThread(long postId) {
		return comments.findApprovedByPost(postId).collectList().map(PostComments::thread);
	}

	/**
	 * Stores a reader's comment as pending, and in the same transaction the "comments waiting" mail to the staff who
	 * asked for one (see {@link Outbox#queueCommentsWaiting}) and, when the reader asked for reply notices to an
	 * address not confirmed yet, the mail that asks them to confirm it (see {@link ReplyNotices}); the caller has
	 * checked the form. A reply must answer a comment shown under the same post: otherwise
	 * {@link ReplyRefusedException}, and nothing is stored.
	 */
	public Mono<Comment> submit(long postId, Long parentId, String name, String email, String website, String body,
			boolean notifyReplies, String clientAddress) {
		Mono<Boolean> parentShown = parentId == null ? Mono.just(true)
				: comments.findById(parentId)
					.map(parent -> parent.postId() == postId && parent.status() == CommentStatus.APPROVED)
					.defaultIfEmpty(false);
		return parentShown.flatMap(shown -> shown ? Mono.just(true) : Mono.error(new ReplyRefusedException()))
			.then(Mono.defer(() -> comments.save(new Comment(null, postId, parentId, name, email, website, body,
					CommentStatus.PENDING, null, notifyReplies, clientAddress, clock.instant()))))
			.flatMap(saved -> (notifyReplies ? replyNotices.askToConfirm(email) : Mono.just(false))
				.flatMap(asked -> outbox.queueCommentsWaiting(saved.id())
					.map(queued -> new Queued(saved, queued > 0, asked))))
			.as(transaction::transactional)
			// After the commit, or the sender could look before the rows are there and wait for its next poll.
			.doOnNext(queued -> {
				if (queued.moderation()) {
					outbox.nudge(MailKind.MODERATION);
				}
				if (queued.confirmation()) {
					outbox.nudge(MailKind.REPLY_CONFIRMATION);
				}
			})
			.map(Queued::comment);
	}

	private record Queued(Comment comment, boolean moderation, boolean confirmation) {
	}

	/** Moves a comment to another status; readers' pages change when it enters or leaves APPROVED. */
	public Mono<Comment> moderate(long commentId, CommentStatus status) {
		return comments.findById(commentId)
			.flatMap(comment -> comments.save(comment.withStatus(status)))
			.flatMap(saved -> changes.announce(new ContentChange("comment", saved.postId())).thenReturn(saved));
	}

	static List<ThreadedComment> thread(List<Comment> approved) {
		Map<Long, List<Comment>> children = new LinkedHashMap<>();
		Map<Long, Comment> byId = new LinkedHashMap<>();
		for (Comment comment : approved) {
			byId.put(comment.id(), comment);
		}
		List<Comment> roots = new ArrayList<>();
		for (Comment comment : approved) {
			// A reply whose parent is not approved (pending, spam) is shown at the top level rather than lost.
			if (comment.parentId() != null && byId.containsKey(comment.parentId())) {
				children.computeIfAbsent(comment.parentId(), id -> new ArrayList<>()).add(comment);
			}
			else {
				roots.add(comment);
			}
		}
		List<ThreadedComment> thread = new ArrayList<>();
		for (Comment root : roots) {
			thread.add(node(root, children, 1));
		}
		return thread;
	}

	private static ThreadedComment node(Comment comment, Map<Long, List<Comment>> children, int depth) {
		List<ThreadedComment> replies = new ArrayList<>();
		for (Comment reply : children.getOrDefault(comment.id(), List.of())) {
			replies.add(node(reply, children, depth + 1));
		}
		if (depth >= MAX_DEPTH - 1) {
			List<ThreadedComment> flattened = new ArrayList<>();
			flatten(replies, flattened);
			replies = flattened;
		}
		return new ThreadedComment(comment.id(), comment.authorName(), comment.authorWebsite(), comment.body(),
				comment.createdAt(), comment.userId() != null, List.copyOf(replies));
	}

	private static void flatten(List<ThreadedComment> replies, List<ThreadedComment> into) {
		for (ThreadedComment reply : replies) {
			into.add(new ThreadedComment(reply.id(), reply.authorName(), reply.authorWebsite(), reply.body(),
					reply.createdAt(), reply.byStaff(), List.of()));
			flatten(reply.replies(), into);
		}
	}
}
