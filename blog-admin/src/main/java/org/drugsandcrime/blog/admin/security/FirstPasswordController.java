package org.drugsandcrime.blog.admin.security;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * "Choose your password": where {@link FirstPasswordGate} sends a member of staff who signed in with a password someone
 * else chose. The session has just proved that password, so only the new one is asked for; it must meet the policy and
 * differ from the one given. This session stays signed in; any other of the account ends.
 */
@Controller
class FirstPasswordController {

	private final StaffAccounts accounts;

	private final Audit audit;

	FirstPasswordController(StaffAccounts accounts, Audit audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping(FirstPasswordGate.PAGE)
	String form(Staff staff, Model model) {
		return page(staff, model, null);
	}

	@PostMapping(FirstPasswordGate.PAGE)
	Mono<String> choose(Staff staff, @ModelAttribute ChooseForm form, ServerWebExchange exchange, Model model) {
		if (form.password() == null || !form.password().equals(form.repeat())) {
			exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
			return Mono.just(page(staff, model, Notice.error("The password and its repetition differ.")));
		}
		return Mono.defer(() -> accounts.replaceGivenPassword(staff.id(), form.password()))
			.flatMap(saved -> exchange.getSession().doOnNext(session -> {
				PasswordStamp.keep(session, saved);
				session.getAttributes().put(FirstPasswordGate.CHOSEN, Boolean.TRUE);
			}))
			.then(audit.record(staff, "user.password-chosen", "user", staff.id(), ""))
			.thenReturn(AccountOutcome.PASSWORD_CHANGED.redirectTo("/account"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return Mono.just(page(staff, model, Notice.error(ex.getMessage())));
			});
	}

	private static String page(Staff staff, Model model, Notice notice) {
		model.addAttribute("choose", new ChooseView(staff.email()));
		model.addAttribute(Notice.ATTRIBUTE, notice);
		return "password-choose";
	}

	record ChooseForm(String password, String repeat) {
	}

	record ChooseView(String email) {
	}
}
