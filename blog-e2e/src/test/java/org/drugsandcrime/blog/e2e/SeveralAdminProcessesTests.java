package org.drugsandcrime.blog.e2e;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two admin processes against one database, as behind a load balancer: sessions shared through Redis
 * ({@code BLOG_REDIS_URL}; Redis on localhost:6379, which {@code .ci/run} starts), and both looking for due
 * posts every 200 ms.
 */
class SeveralAdminProcessesTests {

	static final int POSTS = 30;

	static final String EMAIL = "e2e-several@example.org";

	static final String PASSWORD = "a shared session password";

	static BlogProcess first;

	static BlogProcess second;

	@BeforeAll
	static void start() {
		Map<String, String> settings = Map.of("BLOG_REDIS_URL", "redis://localhost:6379", "BLOG_ADMIN_EMAIL", EMAIL,
				"BLOG_ADMIN_PASSWORD", PASSWORD, "BLOG_ADMIN_PUBLISHING_INTERVAL", "200ms");
		first = BlogProcess.admin(settings);
		second = BlogProcess.admin(settings);
	}

	@AfterAll
	static void stop() {
		second.close();
		first.close();
	}

	/**
	 * Posts fall due 50 ms apart, so both processes keep finding work. Every scheduled post goes live once:
	 * exactly one "post.went-live" entry each, whichever process got it.
	 */
	@Test
	void eachScheduledPostIsAnnouncedExactlyOnce() throws SQLException {
		List<Long> ids = schedule(POSTS, Instant.now().plusSeconds(2));
		PortalToSiteTests.eventually(() -> announced(ids) == POSTS);
		// A few more rounds of both processes: nothing may be announced again.
		Awaitility.await("no post announced twice").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
			.until(() -> wentLive(ids).values().stream().allMatch(count -> count == 1));
		Map<Long, Long> entries = wentLive(ids);
		assertThat(entries).hasSize(POSTS);
		assertThat(entries.values()).containsOnly(1L);
		System.out.println("went live, by process: " + byProcess(ids));
	}

	@Test
	void aSessionStartedOnOneProcessWorksOnTheOtherAndEndsOnBoth() {
		PortalClient onFirst = PortalClient.signIn(first, EMAIL, PASSWORD);
		PortalClient onSecond = onFirst.at(second);
		assertThat(onSecond.get("/").statusCode()).isEqualTo(200);
		assertThat(onSecond.get("/").body()).contains("Dashboard");

		String created = PortalClient.location(onSecond.post("/posts", PortalToSiteTests.form("Saved on the second process",
				"", "Body.", "save")));
		assertThat(onFirst.get(created.replace("?done=saved", "")).body()).contains("Saved on the second process");

		PortalClient.location(onSecond.post("/logout", Map.of()));
		assertThat(PortalClient.location(onFirst.get("/"))).endsWith("/login");
	}

	/**
	 * What Spring Session keeps in Redis is JSON (never Java serialisation, which would run whatever class a crafted
	 * value names), and a session unused for 30 minutes is gone from Redis too.
	 */
	@Test
	void sessionsInRedisAreJsonAndIdleOutAfterThirtyMinutes() throws IOException {
		PortalClient signedIn = PortalClient.signIn(first, EMAIL, PASSWORD);
		String key = "blog-admin:session:sessions:" + signedIn.cookie("BLOG_ADMIN_SESSION");
		List<String> hash = redis("HGETALL", key);
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i + 1 < hash.size(); i += 2) {
			values.put(hash.get(i), hash.get(i + 1));
		}
		assertThat(values.get("sessionAttr:SPRING_SECURITY_CONTEXT")).startsWith("{").contains(EMAIL);
		assertThat(values.values()).allSatisfy(value -> assertThat(value).doesNotStartWith("\u00ac\u00ed"));
		assertThat(Long.parseLong(redis("TTL", key).get(0))).isBetween(1L, 30 * 60L);
		assertThat(signedIn.at(second).get("/").body()).contains("Dashboard");
	}

	/** One Redis command over RESP: an integer, a bulk string or an array of them, as text (bytes kept as Latin-1). */
	static List<String> redis(String... command) throws IOException {
		try (Socket socket = new Socket("localhost", 6379)) {
			StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
			for (String part : command) {
				request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
			}
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			String head = line(in);
			List<String> reply = new ArrayList<>();
			if (head.startsWith("*")) {
				for (int i = Integer.parseInt(head.substring(1)); i > 0; i--) {
					reply.add(bulk(in, line(in)));
				}
			}
			else {
				reply.add(bulk(in, head));
			}
			return reply;
		}
	}

	private static String bulk(DataInputStream in, String head) throws IOException {
		if (!head.startsWith("$")) {
			return head.substring(1);
		}
		byte[] value = new byte[Integer.parseInt(head.substring(1))];
		in.readFully(value);
		line(in);
		return new String(value, StandardCharsets.ISO_8859_1);
	}

	private static String line(DataInputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\r'; c = in.read()) {
			line.append((char) c);
		}
		in.read();
		return line.toString();
	}

	static List<Long> schedule(int count, Instant at) throws SQLException {
		try (Connection connection = connect()) {
			long author;
			long n = System.nanoTime();
			try (PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO users (email, display_name, slug, role) VALUES (?, 'Scheduler test', ?, 'AUTHOR') RETURNING id")) {
				insert.setString(1, "scheduler" + n + "@example.org");
				insert.setString(2, "scheduler-" + n);
				try (ResultSet rows = insert.executeQuery()) {
					rows.next();
					author = rows.getLong(1);
				}
			}
			List<Long> ids = new ArrayList<>();
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO posts (guid, slug, title, status, published_at, created_at, updated_at, author_id)
					VALUES (?, ?, ?, 'SCHEDULED', ?, now(), now(), ?) RETURNING id""")) {
				for (int i = 0; i < count; i++) {
					insert.setString(1, "urn:uuid:scheduled-" + n + "-" + i);
					insert.setString(2, "scheduled-" + n + "-" + i);
					insert.setString(3, "Scheduled post " + i);
					insert.setTimestamp(4, Timestamp.from(at.plusMillis(50L * i)));
					insert.setLong(5, author);
					try (ResultSet rows = insert.executeQuery()) {
						rows.next();
						ids.add(rows.getLong(1));
					}
				}
			}
			return ids;
		}
	}

	static long announced(List<Long> ids) {
		try (Connection connection = connect(); PreparedStatement query = connection
			.prepareStatement("SELECT count(*) FROM posts WHERE id = ANY(?) AND announced_at IS NOT NULL")) {
			query.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<Long, Long> wentLive(List<Long> ids) throws SQLException {
		Map<Long, Long> entries = new HashMap<>();
		try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
				"SELECT item_id, count(*) FROM audit_log WHERE action = 'post.went-live' AND item_id = ANY(?) GROUP BY item_id")) {
			query.setArray(1, connection.createArrayOf("text", ids.stream().map(String::valueOf).toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					entries.put(Long.valueOf(rows.getString(1)), rows.getLong(2));
				}
			}
		}
		return entries;
	}

	static Map<String, Long> byProcess(List<Long> ids) throws SQLException {
		Map<String, Long> counts = new HashMap<>();
		try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(
				"SELECT detail, count(*) FROM audit_log WHERE action = 'post.went-live' AND item_id = ANY(?) GROUP BY detail")) {
			query.setArray(1, connection.createArrayOf("text", ids.stream().map(String::valueOf).toArray()));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					counts.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		return counts;
	}

	static Connection connect() throws SQLException {
		TestDatabase database = TestDatabase.get();
		return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
	}
}
