package org.drugsandcrime.blog.core.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PostgresAddressTests {

	@Test
	void acceptsTheUrlFormsOperatorsPaste() {
		assertThat(PostgresAddress.parse("postgresql://db.internal:6543/news", "", "").jdbcUrl())
			.isEqualTo("jdbc:postgresql://db.internal:6543/news?sslmode=prefer");
		assertThat(PostgresAddress.parse("postgres://u:p%40ss@db/blog?sslmode=require&ApplicationName=blog", "", ""))
			.isEqualTo(new PostgresAddress("db", 5432, "blog", "u", "p@ss", "ApplicationName=blog",
					new PostgresAddress.Tls("require", null)));
		assertThat(PostgresAddress.parse("jdbc:postgresql://localhost/blog", "me", "secret").r2dbcUrl())
			.isEqualTo("r2dbc:postgresql://localhost:5432/blog?sslMode=prefer");
		assertThat(PostgresAddress.parse("r2dbc:postgresql://localhost:5432/blog", "", "").user()).isEqualTo("postgres");
	}

	@Test
	void explicitCredentialsWinOverTheUrls() {
		PostgresAddress address = PostgresAddress.parse("postgresql://url-user:url-pw@h/blog", "env-user", "env-pw");
		assertThat(address.user()).isEqualTo("env-user");
		assertThat(address.password()).isEqualTo("env-pw");
		assertThat(address.describe()).doesNotContain("env-pw");
	}

	@Test
	void theTlsSettingsWinOverTheUrlsAndReachBothDriversInTheirOwnSpelling() {
		PostgresAddress address = PostgresAddress.parse("postgresql://db/blog?sslmode=disable&sslrootcert=/old.pem", "", "",
				PostgresAddress.Tls.of("verify-full", "/etc/blog/db ca.pem"));
		assertThat(address.jdbcUrl())
			.isEqualTo("jdbc:postgresql://db:5432/blog?sslmode=verify-full&sslrootcert=%2Fetc%2Fblog%2Fdb%20ca.pem");
		assertThat(address.r2dbcUrl())
			.isEqualTo("r2dbc:postgresql://db:5432/blog?sslMode=verify-full&sslRootCert=%2Fetc%2Fblog%2Fdb%20ca.pem");
		PostgresAddress unset = PostgresAddress.parse("postgresql://db/blog?sslmode=require", "", "", PostgresAddress.Tls.of("", ""));
		assertThat(unset.tls()).isEqualTo(new PostgresAddress.Tls("require", null));
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.Tls.of("on", null));
	}

	@Test
	void refusesWhatIsNotAPostgresUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.parse("mysql://h/db", "", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.parse("postgresql:// bad host", "", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.parse("", "", ""));
	}
}
