package org.drugsandcrime.blog.admin.settings;

import java.time.ZoneId;
import java.util.List;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.admin.audit.Audit;
import org.drugsandcrime.blog.admin.layout.Notice;
import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.post.InvalidPostException;
import org.drugsandcrime.blog.core.settings.NavigationItem;
import org.drugsandcrime.blog.core.settings.Site;
import org.drugsandcrime.blog.core.settings.SiteEditing;
import org.drugsandcrime.blog.core.settings.SiteSettings;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/** The site's own words and reading settings, and the header menu: admins only. Every public page shows them. */
@Controller
class SettingsController {

	/** The zones offered: the regions people live in, by name, and UTC; the server still checks what comes back. */
	static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter(id -> id.equals("UTC")
				|| id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+"))
		.sorted()
		.toList();

	private final Site site;

	private final SiteEditing editing;

	private final Audit audit;

	SettingsController(Site site, SiteEditing editing, Audit audit) {
		this.site = site;
		this.editing = editing;
		this.audit = audit;
	}

	@GetMapping("/settings")
	Mono<String> settings(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireAdmin();
		return site.settings().map(current -> {
			model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, SettingsOutcome.class));
			model.addAttribute("settings", SettingsForm.of(current, site.timeOf(current).zoneName()));
			model.addAttribute("zones", ZONES);
			return "settings";
		});
	}

	@PostMapping("/settings")
	Mono<String> save(Staff staff, @ModelAttribute SettingsForm form, Model model, ServerWebExchange exchange) {
		staff.requireAdmin();
		return Mono.defer(() -> editing.save(form.title(), form.tagline(), form.description(), form.contactEmail(),
				form.contactDetails(), form.perPage(), form.timeZone()))
			.flatMap(saved -> audit.record(staff, "settings.save", "settings", 1, saved.title()))
			.thenReturn(SettingsOutcome.SAVED.redirectTo("/settings"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				model.addAttribute("settings", form);
				model.addAttribute("zones", ZONES);
				model.addAttribute(Notice.ATTRIBUTE, Notice.error(ex.getMessage()));
				return Mono.just("settings");
			});
	}

	@GetMapping("/navigation")
	Mono<String> navigation(Staff staff, ServerWebExchange exchange, Model model) {
		staff.requireAdmin();
		return menu(model, Notice.after(exchange, NavigationOutcome.class));
	}

	@PostMapping("/navigation")
	Mono<String> add(Staff staff, @ModelAttribute MenuForm form, Model model, ServerWebExchange exchange) {
		staff.requireAdmin();
		return editing.addItem(form.label(), form.url())
			.flatMap(item -> audit.record(staff, "navigation.add", "navigation", item.id(), item.label() + " → " + item.url()))
			.thenReturn(NavigationOutcome.ADDED.redirectTo("/navigation"))
			.onErrorResume(InvalidPostException.class, ex -> {
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return menu(model, Notice.error(ex.getMessage()));
			});
	}

	@PostMapping("/navigation/{id}/move")
	Mono<String> move(Staff staff, @PathVariable long id, @ModelAttribute MenuForm form) {
		String direction = "down".equals(form.direction()) ? "down" : "up";
		staff.requireAdmin();
		return editing.move(id, !"down".equals(direction))
			.then(audit.record(staff, "navigation.move", "navigation", id, direction))
			.thenReturn(NavigationOutcome.MOVED.redirectTo("/navigation"));
	}

	@PostMapping("/navigation/{id}/remove")
	Mono<String> remove(Staff staff, @PathVariable long id) {
		staff.requireAdmin();
		return editing.removeItem(id)
			.flatMap(removed -> removed ? audit.record(staff, "navigation.remove", "navigation", id, "").thenReturn(true)
					: Mono.just(false))
			.thenReturn(NavigationOutcome.REMOVED.redirectTo("/navigation"));
	}

	private Mono<String> menu(Model model, Notice notice) {
		return site.navigation().map(items -> {
			model.addAttribute("items", items);
			model.addAttribute(Notice.ATTRIBUTE, notice);
			return "navigation";
		});
	}

	record MenuForm(String label, String url, String direction) {
	}

	record SettingsForm(String title, String tagline, String description, String contactEmail, String contactDetails,
			String postsPerPage, String timeZone) {

		static SettingsForm of(SiteSettings settings, String timeZone) {
			return new SettingsForm(settings.title(), settings.tagline(), settings.description(), settings.contactEmail(),
					settings.contactDetails(), Integer.toString(settings.postsPerPage()), timeZone);
		}

		int perPage() {
			try {
				return Integer.parseInt(postsPerPage == null ? "" : postsPerPage.strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidPostException("Posts per page must be between 1 and 100.");
			}
		}
	}

}
