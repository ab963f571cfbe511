package org.drugsandcrime.blog.admin.security;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.user.PasswordLinks;
import org.drugsandcrime.blog.core.user.PasswordLinks.Link;
import org.drugsandcrime.blog.core.user.PasswordLinks.LinkNotUsableException;
import org.drugsandcrime.blog.core.user.PasswordLinks.LinkState;
import org.drugsandcrime.blog.core.user.StaffUserRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The page a password link (reset or invitation) opens. Opening it only shows the form: mail scanners follow links,
 * and must not use them up. Sending the form sets the password and uses the link, once; a used, run-out or unknown
 * link gets a page that says so and what to do, never an error.
 */
@Controller
class PasswordLinkController {

	private final PasswordLinks links;

	private final StaffUserRepository users;

	private final Audit audit;

	PasswordLinkController(PasswordLinks links, StaffUserRepository users, Audit audit) {
		this.links = links;
		this.users = users;
		this.audit = audit;
	}

	@GetMapping("/password/set")
	Mono<String> form(@RequestParam(required = false) String token, ServerWebExchange exchange, Model model) {
		return links.find(token).map(link -> link.state() == LinkState.CURRENT ? page(model, token, link, null)
				: gone(exchange, model, link.state()));
	}

	@PostMapping("/password/set")
	Mono<String> set(@ModelAttribute SetForm form, ServerWebExchange exchange, Model model) {
		return links.find(form.token()).flatMap(link -> {
			if (link.state() != LinkState.CURRENT) {
				return Mono.just(gone(exchange, model, link.state()));
			}
			if (form.password() == null || !form.password().equals(form.repeat())) {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return Mono.just(page(model, form.token(), link, Notice.error("The password and its repetition differ.")));
			}
			return Mono.defer(() -> links.setPassword(form.token(), form.password()))
				.flatMap(users::findById)
				.flatMap(user -> audit.record(Staff.of(user), link.invitation() ? "user.invitation-accepted" : "user.password-reset",
						"user", user.id(), ""))
				.thenReturn(LoginOutcome.PASSWORD_SET.redirectTo("/login"))
				.onErrorResume(LinkNotUsableException.class, ex -> Mono.just(gone(exchange, model, ex.state())))
				.onErrorResume(InvalidPostException.class, ex -> {
					exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
					return Mono.just(page(model, form.token(), link, Notice.error(ex.getMessage())));
				});
		});
	}

	private static String page(Model model, String token, Link link, Notice notice) {
		model.addAttribute("link", new SetPasswordView(token, link.email(), link.displayName(), link.invitation()));
		model.addAttribute(Notice.ATTRIBUTE, notice);
		return "password-set";
	}

	/** A link that cannot be used: 410 when it was used or ran out, 404 when there never was one. */
	private static String gone(ServerWebExchange exchange, Model model, LinkState state) {
		exchange.getResponse().setStatusCode(state == LinkState.UNKNOWN ? HttpStatus.NOT_FOUND : HttpStatus.GONE);
		model.addAttribute("gone", new GoneView(state == LinkState.USED, state == LinkState.EXPIRED));
		return "password-link-gone";
	}

	record SetForm(String token, String password, String repeat) {
	}

	record SetPasswordView(String token, String email, String displayName, boolean invitation) {
	}

	record GoneView(boolean used, boolean expired) {
	}
}
