package org.drugsandcrime.blog.admin.security;

import org.drugsandcrime.blog.admin.layout.Notice;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;

@Controller
class LoginController {

	/** A plain visit says nothing; only the redirects of the sign-in and sign-out handlers bring a notice. */
	@GetMapping("/login")
	String login(ServerWebExchange exchange, Model model) {
		model.addAttribute(Notice.ATTRIBUTE, Notice.after(exchange, LoginOutcome.class));
		return "login";
	}
}
