package org.drugsandcrime.blog.admin.security;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.layout.Outcome;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * "Your sessions" on {@code /account}: where this account is signed in, and "Sign out everywhere else", which ends
 * every other session of the account at its next request, in whichever admin process it lives.
 */
@Controller
class YourSessionsController {

	private final SignedInSessions sessions;

	private final Audit audit;

	YourSessionsController(SignedInSessions sessions, Audit audit) {
		this.sessions = sessions;
		this.audit = audit;
	}

	@PostMapping("/account/sessions/others")
	Mono<String> signOutOthers(Staff staff, ServerWebExchange exchange) {
		return exchange.getSession()
			.flatMap(session -> sessions.endOthers(staff.id(), session))
			.flatMap(ended -> audit.record(staff, "user.sessions-ended", "user", staff.id(), String.valueOf(ended))
				.thenReturn(AccountOutcome.OTHER_SESSIONS_ENDED.redirectTo("/account") + "&" + Outcome.COUNT + "=" + ended));
	}

	/** The list, for every page of the account screen (it is drawn again when a form there comes back with a mistake). */
	@ControllerAdvice(assignableTypes = AccountController.class)
	static class ListOnTheAccountScreen {

		private final SignedInSessions sessions;

		private final StaffArgumentResolver staff;

		private final SessionProperties settings;

		ListOnTheAccountScreen(SignedInSessions sessions, StaffArgumentResolver staff, SessionProperties settings) {
			this.sessions = sessions;
			this.staff = staff;
			this.settings = settings;
		}

		@ModelAttribute("sessions")
		Mono<SessionsView> sessions(ServerWebExchange exchange) {
			return staff.signedIn(exchange)
				.zipWith(exchange.getSession())
				.flatMap(found -> sessions.of(found.getT1().id(), found.getT2()).collectList())
				.map(rows -> new SessionsView(rows, rows.size() > 1, "A session ends after " + words(settings.idleTimeout())
						+ " unused, and " + words(settings.absoluteTimeout()) + " after its sign-in however busy."));
		}

		static String words(Duration duration) {
			long minutes = duration.toMinutes();
			return minutes % 60 == 0 ? Notice.count(minutes / 60, "hour", "hours") : Notice.count(minutes, "minute", "minutes");
		}
	}

	/**
	 * @param rows this session first, then the others by when they were last used
	 * @param others whether there is any other session to sign out
	 * @param lifetime how long sessions last, in words
	 */
	record SessionsView(List<SignedInSessions.SessionRow> rows, boolean others, String lifetime) {
	}
}
