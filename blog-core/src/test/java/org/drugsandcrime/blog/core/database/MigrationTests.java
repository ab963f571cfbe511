package org.drugsandcrime.blog.core.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.test.TestDatabase;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationTests {

	@Test
	void migrationsApplyToAnEmptySchemaAndASecondRunChangesNothing() {
		TestDatabase database = TestDatabase.get();
		String schema = "fresh_" + Long.toUnsignedString(System.nanoTime(), 36);
		Flyway flyway = Flyway.configure()
			.dataSource(database.jdbcUrl(), database.user(), database.password())
			.schemas(schema)
			.createSchemas(true)
			.locations("classpath:db/migration")
			.cleanDisabled(false)
			.load();
		try {
			MigrateResult first = flyway.migrate();
			assertThat(first.migrationsExecuted).isGreaterThan(0);
			assertThat(first.success).isTrue();

			MigrateResult second = flyway.migrate();
			assertThat(second.migrationsExecuted).isZero();
			assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
		}
		finally {
			flyway.clean();
		}
	}

	/**
	 * The embedded database connects the blog as a role that owns its database and nothing more (no superuser), and an
	 * operator may do the same: no migration may need more (CREATE EXTENSION, a role, another database would).
	 */
	@Test
	void migrationsNeedNoMoreThanARoleThatOwnsItsDatabase() throws java.sql.SQLException {
		TestDatabase database = TestDatabase.get();
		String name = "owner_" + Long.toUnsignedString(System.nanoTime(), 36);
		String password = "pw-" + name;
		try (java.sql.Connection admin = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
				java.sql.Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE " + name + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
			statement.execute("CREATE DATABASE " + name + " OWNER " + name);
			try {
				String url = database.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
				Flyway flyway = Flyway.configure().dataSource(url, name, password).locations("classpath:db/migration").load();
				MigrateResult result = flyway.migrate();
				assertThat(result.success).isTrue();
				assertThat(result.migrationsExecuted).isGreaterThan(0);
			}
			finally {
				statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
				statement.execute("DROP ROLE " + name);
			}
		}
	}

	/**
	 * Modules own version ranges, so a database may have run V50 before V21 of another module existed. The
	 * applications allow that (spring.flyway.out-of-order in blog-core.yaml); this is what it buys.
	 */
	@Test
	void aMigrationOfAnEarlierRangeThatArrivesLaterIsAppliedOutOfOrder() throws IOException {
		TestDatabase database = TestDatabase.get();
		String schema = "late_" + Long.toUnsignedString(System.nanoTime(), 36);
		Path older = Files.createTempDirectory("migrations");
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (Resource migration : resolver.getResources("classpath:db/migration/*.sql")) {
			if (!migration.getFilename().startsWith("V21__")) {
				try (InputStream in = migration.getInputStream()) {
					Files.copy(in, older.resolve(migration.getFilename()));
				}
			}
		}
		Flyway before = configure(database, schema, "filesystem:" + older).load();
		Flyway after = configure(database, schema, "classpath:db/migration")
			.outOfOrder(Boolean.parseBoolean(coreSetting("spring.flyway.out-of-order")))
			.load();
		try {
			before.migrate();
			MigrateResult late = after.migrate();
			assertThat(late.success).isTrue();
			assertThat(late.migrations).extracting(migration -> migration.version).containsExactly("21");
		}
		finally {
			before.clean();
		}
	}

	private static FluentConfiguration configure(TestDatabase database, String schema, String location) {
		return Flyway.configure()
			.dataSource(database.jdbcUrl(), database.user(), database.password())
			.schemas(schema)
			.createSchemas(true)
			.locations(location)
			.cleanDisabled(false);
	}

	private static String coreSetting(String name) throws IOException {
		return new YamlPropertySourceLoader().load("blog-core", new ClassPathResource("blog-core.yaml"))
			.get(0)
			.getProperty(name)
			.toString();
	}
}
