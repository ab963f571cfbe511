package org.drugsandcrime.blog.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.core.post.Post;
import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.stats.PostViewCounts.DailyCount;
import org.drugsandcrime.blog.core.stats.StaffFigures.Figure;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.trash.Trash;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's figures: every period present, an author's own posts only when asked, the site's calendar. */
@BlogTest
class StaffFiguresTests {

	@Autowired
	StaffFigures figures;

	@Autowired
	PostViewCounts views;

	@Autowired
	PostEditing editing;

	@Autowired
	PostPublishing publishing;

	@Autowired
	StaffUserRepository users;

	@Autowired
	DatabaseClient database;

	@Autowired
	Trash trash;

	@Autowired
	java.time.Clock clock;

	Posts posts;

	@BeforeEach
	void setUp() {
		posts = new Posts(editing, publishing, users);
	}

	@Test
	void viewsPerDayHaveEveryDayAndOnlyTheAuthorsPosts() {
		StaffUser author = posts.author("Figures Author " + System.nanoTime());
		Post mine = posts.draft("Counted per day " + System.nanoTime()).by(author).publish();
		Post theirs = posts.draft("Someone else's " + System.nanoTime()).by(posts.author("Other " + System.nanoTime())).publish();
		LocalDate today = figures.today();
		views.add(List.of(new DailyCount(mine.getSlug(), today, 5), new DailyCount(mine.getSlug(), today.minusDays(2), 3),
				new DailyCount(theirs.getSlug(), today, 1000), new DailyCount(mine.getSlug(), today.minusDays(30), 77))).block();

		List<Figure> days = figures.viewsPerDay(author.id()).block();

		assertThat(days).hasSize(StaffFigures.VIEW_DAYS);
		assertThat(days.get(0).start()).isEqualTo(today.minusDays(29));
		assertThat(days.get(29)).isEqualTo(new Figure(today, 5));
		assertThat(days.get(27)).isEqualTo(new Figure(today.minusDays(2), 3));
		assertThat(days.stream().mapToLong(Figure::value).sum()).as("the day before the window is left out").isEqualTo(8);
		assertThat(figures.viewsPerDay(null).block().get(29).value()).isGreaterThanOrEqualTo(1005);
	}

	@Test
	void theMostReadThisWeekAreTheAuthorsOwnMostReadFirstOnlyThisWeeksViewsAndNoneInTheTrash() {
		StaffUser author = posts.author("Most read " + System.nanoTime());
		Post less = posts.draft("Read a little " + System.nanoTime()).by(author).publish();
		Post more = posts.draft("Read a lot " + System.nanoTime()).by(author).publish();
		Post old = posts.draft("Read last month " + System.nanoTime()).by(author).publish();
		Post binned = posts.draft("Read, then trashed " + System.nanoTime()).by(author).publish();
		LocalDate today = figures.today();
		views.add(List.of(new DailyCount(less.getSlug(), today, 2), new DailyCount(more.getSlug(), today.minusDays(6), 9),
				new DailyCount(old.getSlug(), today.minusDays(7), 500), new DailyCount(binned.getSlug(), today, 40))).block();
		trash.trashPost(binned.getId()).block();

		assertThat(figures.mostReadThisWeek(author.id()).block()).containsExactly(
				new StaffFigures.PostFigure(more.getId(), more.getTitle(), 9),
				new StaffFigures.PostFigure(less.getId(), less.getTitle(), 2));
	}

	@Test
	void postsPerMonthFollowTheCalendarOfTheZoneAsked() {
		StaffUser author = posts.author("Monthly " + System.nanoTime());
		Post post = posts.draft("Published as a month began " + System.nanoTime()).by(author).publish();
		// Auckland is UTC+13 in December and UTC+12 in June: its month begins on the previous UTC day.
		ZoneId auckland = ZoneId.of("Pacific/Auckland");
		Instant monthBegan = clock.instant().atZone(auckland).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
		database.sql("UPDATE posts SET published_at = :at WHERE id = :id").bind("at", monthBegan.plus(Duration.ofMinutes(1)))
			.bind("id", post.getId()).fetch().rowsUpdated().block();

		List<Figure> inAuckland = figures.postsPerMonth(author.id(), auckland).block();
		List<Figure> inUtc = figures.postsPerMonth(author.id(), ZoneOffset.UTC).block();

		assertThat(inAuckland).hasSize(StaffFigures.MONTHS);
		assertThat(inAuckland.get(11).value()).isEqualTo(1);
		assertThat(inAuckland.stream().mapToLong(Figure::value).sum()).isEqualTo(1);
		assertThat(inUtc.get(10).value()).as("in UTC it was still the month before").isEqualTo(1);
		assertThat(inUtc.get(11).value()).isZero();
	}

	@Test
	void anAuthorsCountsAreOfTheirOwnPostsAndDraftsLeaveOutTheTrash() {
		StaffUser author = posts.author("Counting " + System.nanoTime());
		posts.draft("A draft " + System.nanoTime()).by(author).save();
		posts.draft("Another draft " + System.nanoTime()).by(author).save();
		Post binned = posts.draft("In the trash " + System.nanoTime()).by(author).save();
		trash.trashPost(binned.getId()).block();
		posts.draft("Live " + System.nanoTime()).by(author).publish();
		posts.draft("Not theirs " + System.nanoTime()).by(posts.author("Else " + System.nanoTime())).save();

		StaffFigures.Counts counts = figures.counts(author.id()).block();

		assertThat(counts.drafts()).isEqualTo(2);
		assertThat(counts.published()).isEqualTo(1);
		assertThat(counts.scheduled()).isZero();
		assertThat(counts.pendingComments()).isZero();
	}
}
