package org.drugsandcrime.blog.admin.testing;

import org.drugsandcrime.blog.core.post.PostEditing;
import org.drugsandcrime.blog.core.post.PostPublishing;
import org.drugsandcrime.blog.core.testing.Posts;
import org.drugsandcrime.blog.core.user.PasswordHashing;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.drugsandcrime.blog.test.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;

@TestConfiguration(proxyBeanMethods = false)
class PortalTestConfiguration {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return MutableClock.startingNow();
	}

	/** The application's encoder, counting its work, so tests can tell how many hashes a request cost. */
	@Bean
	@Primary
	CountingPasswordEncoder countingPasswordEncoder() {
		return new CountingPasswordEncoder(PasswordHashing.encoder());
	}

	@Bean
	Posts posts(PostEditing editing, PostPublishing publishing, StaffUserRepository users) {
		return new Posts(editing, publishing, users);
	}

	@Bean
	StaffMembers staffMembers(StaffAccounts accounts, DatabaseClient database) {
		return new StaffMembers(accounts, database);
	}
}
