package org.drugsandcrime.blog.admin.user;

import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.user.Role;
import org.drugsandcrime.blog.core.user.StaffAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/** Staff accounts, for admins only: create or invite by mail, change role, disable and enable again. */
@Controller
class UsersController {

	private final StaffAccounts accounts;

	private final Audit audit;

	UsersController(StaffAccounts accounts, Audit audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	@GetMapping("/users")
	Mono<String> list(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireAdmin();
		return page(staff, model, Notice.after(exchange, UsersOutcome.class));
	}

	/**
	 * With a password the account is ready, and its owner chooses their own at the first sign-in (the admin knows this
	 * one); without one it is an invitation, a mail with a link to choose a password. No password is ever shown.
	 */
	@PostMapping("/users")
	Mono<String> create(Staff staff, @ModelAttribute UserForm form, Model model, ServerWebExchange exchange) {
		staff.requireAdmin();
		return Mono.defer(() -> accounts.create(form.email(), form.displayName(), role(form.role()), form.password()))
			.flatMap(created -> audit.record(staff, created.invited() ? "user.invite" : "user.create", "user",
					created.user().id(), created.user().email() + " as " + created.user().role())
				.thenReturn((created.invited() ? UsersOutcome.INVITED : UsersOutcome.CREATED).redirectTo("/users")))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page(staff, model, Notice.error(ex.getMessage()));
			});
	}

	/**
	 * An account without a password (a writer imported from WordPress, or an invitation that ran out) is invited by mail,
	 * with a link to choose one; an earlier link stops working.
	 */
	@PostMapping("/users/{id}/invite")
	Mono<String> invite(Staff staff, @PathVariable long id, Model model, ServerWebExchange exchange) {
		staff.requireAdmin();
		return accounts.invite(id)
			.flatMap(invited -> audit.record(staff, "user.invite", "user", id, invited.user().email() + " as " + invited.user().role()))
			.thenReturn(UsersOutcome.INVITED.redirectTo("/users"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page(staff, model, Notice.error(ex.getMessage()));
			});
	}

	@PostMapping("/users/{id}/role")
	Mono<String> role(Staff staff, @PathVariable long id, @ModelAttribute UserForm form, Model model,
			ServerWebExchange exchange) {
		staff.requireAdmin();
		return Mono.defer(() -> accounts.changeRole(id, role(form.role())))
			.flatMap(user -> audit.record(staff, "user.role", "user", id, user.email() + " is now " + user.role()))
			.thenReturn(UsersOutcome.ROLE_CHANGED.redirectTo("/users"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page(staff, model, Notice.error(ex.getMessage()));
			});
	}

	@PostMapping("/users/{id}/enabled")
	Mono<String> enabled(Staff staff, @PathVariable long id, @ModelAttribute UserForm form,
			Model model, ServerWebExchange exchange) {
		staff.requireAdmin();
		boolean enabled = "true".equals(form.enabled());
		return accounts.setEnabled(id, enabled)
			.flatMap(user -> audit.record(staff, enabled ? "user.enable" : "user.disable", "user", id, user.email()))
			.thenReturn((enabled ? UsersOutcome.ENABLED : UsersOutcome.DISABLED).redirectTo("/users"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return page(staff, model, Notice.error(ex.getMessage()));
			});
	}

	private Mono<String> page(Staff staff, Model model, Notice notice) {
		return accounts.all()
			.map(user -> new UserRow(user.id(), user.email(), user.displayName(), user.role().name(), user.enabled(),
					user.totpSecret() != null, user.id() == staff.id(), user.passwordHash() == null))
			.collectList()
			.map(rows -> {
				model.addAttribute("users", new UsersView(rows, List.of(Role.values()).stream().map(Role::name).toList()));
				model.addAttribute(Notice.ATTRIBUTE, notice);
				return "users";
			});
	}

	private static Role role(String name) {
		try {
			return Role.valueOf((name == null ? "" : name).strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPostException("Choose a role: ADMIN, EDITOR or AUTHOR.");
		}
	}

	record UserForm(String email, String displayName, String role, String password, String enabled) {
	}

	/**
	 * {@code invitable}: the account has no password (imported from WordPress, or invited and not yet accepted), so
	 * enabling alone would not let them in: an invitation by mail does.
	 */
	record UserRow(long id, String email, String displayName, String role, boolean enabled, boolean twoFactor,
			boolean isMe, boolean invitable) {
	}

	record UsersView(List<UserRow> rows, List<String> roles) {
	}
}
