package org.drugsandcrime.blog.core.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PostgresAddressTests {

	@Test
	void acceptsTheUrlFormsOperatorsPaste() {
		assertThat(PostgresAddress.parse("postgresql://db.internal:6543/news", "", "").jdbcUrl())
			.isEqualTo("jdbc:postgresql://db.internal:6543/news");
		assertThat(PostgresAddress.parse("postgres://u:p%40ss@db/blog?sslmode=require", "", ""))
			.isEqualTo(new PostgresAddress("db", 5432, "blog", "u", "p@ss", "sslmode=require"));
		assertThat(PostgresAddress.parse("jdbc:postgresql://localhost/blog", "me", "secret").r2dbcUrl())
			.isEqualTo("r2dbc:postgresql://localhost:5432/blog");
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
	void refusesWhatIsNotAPostgresUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.parse("mysql://h/db", "", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.parse("postgresql:// bad host", "", ""));
		assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.parse("", "", ""));
	}
}
