package org.drugsandcrime.blog.admin.security;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.core.user.PasswordLinkProperties;
import org.drugsandcrime.blog.core.user.PasswordLinks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * "Forgot password?" from the login page: an address in, the same answer out whether or not an account has it, after
 * the same single statement either way (so neither the words nor the time tell). The mail, when there is one, goes
 * through the outbox; {@link PasswordLinks} limits how many one address or one client can cause.
 */
@Controller
class ForgotPasswordController {

	private final PasswordLinks links;

	private final PasswordLinkProperties settings;

	ForgotPasswordController(PasswordLinks links, PasswordLinkProperties settings) {
		this.links = links;
		this.settings = settings;
	}

	@GetMapping("/password/forgot")
	String form(ServerWebExchange exchange, Model model) {
		model.addAttribute("forgot", new ForgotView(settings.resetValidity().toMinutes()));
		model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, PasswordOutcome.class));
		return "password-forgot";
	}

	@PostMapping("/password/forgot")
	Mono<String> ask(ServerWebExchange exchange) {
		return exchange.getFormData()
			.flatMap(form -> links.requestReset(form.getFirst("email"), ClientAddress.of(exchange)))
			.thenReturn(PasswordOutcome.SENT.redirectTo("/password/forgot"));
	}

	record ForgotView(long minutes) {
	}
}
