package org.drugsandcrime.blog.admin.audit;

import org.drugsandcrime.blog.admin.security.Staff;
import org.drugsandcrime.blog.core.audit.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.thymeleaf.spring6.context.webflux.ReactiveDataDriverContextVariable;

/** Who did what, when, to which item: the newest entries first, streamed into the page. */
@Controller
class AuditController {

	static final int SHOWN = 500;

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/audit")
	String audit(Staff staff, Model model) {
		staff.requireEditor();
		model.addAttribute("entries", new ReactiveDataDriverContextVariable(log.newest(SHOWN), 50));
		return "audit";
	}
}
