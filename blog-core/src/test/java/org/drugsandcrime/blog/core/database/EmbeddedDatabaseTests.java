package org.drugsandcrime.blog.core.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The developer's embedded PostgreSQL lets nobody in without a password, listens on loopback only, and the blog is
 * not its superuser; a data directory of an earlier version (everything trusted) is brought to the same state.
 */
class EmbeddedDatabaseTests {

	@Test
	void aNewEmbeddedDatabaseWantsPasswordsAndTheBlogIsNotItsSuperuser() throws Exception {
		Path directory = Files.createTempDirectory(Path.of("target"), "embedded-new-");
		EmbeddedDatabase embedded = new EmbeddedDatabase(directory, freePort());
		try {
			assertThat(embedded.start()).isNull();
			assertSafe(embedded);
		}
		finally {
			embedded.stop();
		}
	}

	@Test
	void aTrustingDataDirectoryOfAnEarlierVersionIsUpgradedAndTheBlogsTablesPassToItsRole() throws Exception {
		Path directory = Files.createTempDirectory(Path.of("target"), "embedded-old-");
		int port = freePort();
		// What earlier versions made: zonky's defaults (trust), and the blog's tables owned by the superuser.
		try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("data"))
			.setOverrideWorkingDirectory(directory.resolve("binaries").toFile()).setCleanDataDirectory(false).setPort(port).start()) {
			try (Connection connection = old.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE blog");
			}
			try (Connection connection = old.getDatabase("postgres", "blog").getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text)");
				statement.execute("INSERT INTO posts (title) VALUES ('Payment by results')");
				statement.execute("CREATE FUNCTION shout(text) RETURNS text LANGUAGE sql AS 'SELECT upper($1)'");
			}
		}
		EmbeddedDatabase embedded = new EmbeddedDatabase(directory, port);
		try {
			assertThat(embedded.start()).isNull();
			assertSafe(embedded);
			try (Connection connection = connect(embedded.address()); Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO posts (title) VALUES ('Still writable by the blog')");
				statement.execute("ALTER TABLE posts ADD COLUMN slug text");
				assertThat(single(statement, "SELECT count(*) FROM posts")).isEqualTo("2");
				assertThat(single(statement, "SELECT shout('ok')")).isEqualTo("OK");
			}
		}
		finally {
			embedded.stop();
		}
	}

	private static void assertSafe(EmbeddedDatabase embedded) throws Exception {
		PostgresAddress blog = embedded.address();
		assertThat(blog.user()).isEqualTo("blog");
		try (Connection connection = connect(blog); Statement statement = connection.createStatement()) {
			assertThat(single(statement, "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user"))
				.isEqualTo("f");
			assertThat(single(statement, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
				.isEqualTo("blog");
			assertThat(single(statement, "SHOW listen_addresses")).isEqualTo("localhost");
			assertThat(single(statement, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
					+ "WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> 'blog'")).isEqualTo("0");
			statement.execute("CREATE TABLE made_by_the_blog (id int)");
			statement.execute("DROP TABLE made_by_the_blog");
		}
		// Without the password, as the superuser or as the blog, nobody gets in: no line of pg_hba.conf trusts.
		for (String user : new String[] { "postgres", "blog" }) {
			assertThatThrownBy(() -> connect(new PostgresAddress("localhost", blog.port(), "postgres", user, "", "",
					PostgresAddress.Tls.LOOPBACK))).as(user).isInstanceOf(SQLException.class)
				.hasMessageContaining("password");
			assertThatThrownBy(() -> connect(new PostgresAddress("localhost", blog.port(), "postgres", user, "guess", "",
					PostgresAddress.Tls.LOOPBACK))).as(user).hasMessageContaining("password authentication failed");
		}
		assertThat(Files.readAllLines(embedded.dataDirectory().resolve("pg_hba.conf")))
			.filteredOn(line -> !line.isBlank() && !line.strip().startsWith("#"))
			.isNotEmpty()
			.allSatisfy(line -> assertThat(line).endsWith("scram-sha-256"));
		for (Path file : new Path[] { embedded.superuserPasswordFile(), embedded.blogPasswordFile() }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static Connection connect(PostgresAddress address) throws SQLException {
		return DriverManager.getConnection(address.jdbcUrl(), address.user(), address.password());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
