package org.drugsandcrime.blog.admin.security;

import java.time.Duration;

import reactor.core.publisher.Flux;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.admin.testing.Portal;
import org.drugsandcrime.blog.admin.testing.PortalTest;
import org.drugsandcrime.blog.admin.testing.StaffMembers;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visitors who are not signed in leave nothing on the server: no session is made for them, so however many come
 * they cannot fill the session store (at most 10,000 sessions) and keep staff from signing in.
 */
@PortalTest
class AnonymousVisitorsTests {

	static final int VISITS = 10_000;

	@Autowired
	WebTestClient web;

	@Autowired
	StaffMembers staff;

	@Autowired
	WebSessionManager sessions;

	@LocalServerPort
	int port;

	@Test
	void tenThousandCookieLessVisitsLeaveTheSessionStoreAsItWasAndStaffSignInAtOnce() {
		StaffUser editor = staff.create(Role.EDITOR);
		int before = store().getSessions().size();
		WebClient client = WebClient.create("http://localhost:" + port);
		String[] paths = { "/login", "/login", "/login", "/login", "/login", "/login", "/", "/posts/new",
				"/login?done=failed", "/password/forgot" };
		Long answered = Flux.range(0, VISITS)
			.flatMap(i -> client.get().uri(paths[i % paths.length]).exchangeToMono(response -> {
				assertThat(response.statusCode().value()).isIn(200, 302, 303);
				assertThat(response.cookies().getFirst(Portal.SESSION_COOKIE)).as("a session cookie").isNull();
				return response.releaseBody().thenReturn(1);
			}), 8)
			.count()
			.block(Duration.ofMinutes(5));
		assertThat(answered).isEqualTo(VISITS);
		assertThat(store().getSessions()).as("sessions in the store after %d anonymous visits", VISITS).hasSize(before);

		Portal portal = Portal.signIn(web, editor);
		assertThat(portal.page("/")).contains("Dashboard");
		assertThat(store().getSessions()).hasSize(before + 1);
	}

	@Test
	void theSignInFormNeedsTheTokenOfItsOwnCookie() {
		StaffUser editor = staff.create(Role.EDITOR);
		Portal mine = Portal.anonymous(web);
		Portal someoneElse = Portal.anonymous(web);
		assertThat(mine.session()).as("no session before signing in").isNull();
		// A forger's page can send a token it fetched itself, but not set the victim's cookie to match it.
		mine.postWithoutToken("/login", Portal.form("username", editor.email(), "password", StaffMembers.PASSWORD,
				"_csrf", someoneElse.csrfToken())).expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
		mine.submitLogin(editor.email(), StaffMembers.PASSWORD).expectStatus().is3xxRedirection().expectHeader().location("/");
	}

	private InMemoryWebSessionStore store() {
		return (InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions).getSessionStore();
	}
}
