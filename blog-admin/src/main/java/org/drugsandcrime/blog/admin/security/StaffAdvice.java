package org.drugsandcrime.blog.admin.security;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/** Puts the signed-in member of staff ({@code me}) in every page's model, so the menu shows only what their role allows. */
@ControllerAdvice
class StaffAdvice {

	private final StaffArgumentResolver staff;

	StaffAdvice(StaffArgumentResolver staff) {
		this.staff = staff;
	}

	@ModelAttribute("me")
	Mono<Staff> me(ServerWebExchange exchange) {
		return staff.signedIn(exchange);
	}
}
