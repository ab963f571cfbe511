package org.drugsandcrime.blog.web.subscription;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.drugsandcrime.blog.core.comment.ReplyNotices;
import org.drugsandcrime.blog.core.comment.ReplyNotices.AddressConfirmation;
import org.drugsandcrime.blog.core.subscription.EmailAddress;
import org.drugsandcrime.blog.core.subscription.InvalidEmailAddressException;
import org.drugsandcrime.blog.core.subscription.SubscriptionProperties;
import org.drugsandcrime.blog.core.subscription.Subscriptions;
import org.drugsandcrime.blog.core.subscription.Subscriptions.Confirmation;
import org.drugsandcrime.blog.web.guard.ClientAddress;
import org.drugsandcrime.blog.web.guard.CrossSitePosts;
import org.drugsandcrime.blog.web.subscription.SubscriptionViews.Button;
import org.drugsandcrime.blog.web.subscription.SubscriptionViews.Notice;
import org.drugsandcrime.blog.web.subscription.SubscriptionViews.SubscribeForm;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * Subscribing, confirming and unsubscribing, and confirming an address for reply notices and stopping them. Links in mails only ever show a page with a button (mail scanners
 * follow links); the button's POST does the work. Pages that carry a token are never stored by caches and
 * never sent as a referrer.
 */
@Controller
class SubscriptionController {

	private static final String NOTICE = "subscription/notice";

	private static final String BUTTON = "subscription/button";

	private static final String FORM = "subscription/subscribe";

	/** Shown back to the reader with the error; longer input is cut (it is wrong anyway). */
	private static final int ECHO_LENGTH = 300;

	private final Subscriptions subscriptions;

	private final SubscribeRequests requests;

	private final ReplyNotices replyNotices;

	private final SubscriptionProperties limits;

	SubscriptionController(Subscriptions subscriptions, SubscribeRequests requests, ReplyNotices replyNotices,
			SubscriptionProperties limits) {
		this.subscriptions = subscriptions;
		this.requests = requests;
		this.replyNotices = replyNotices;
		this.limits = limits;
	}

	@GetMapping("/subscribe")
	String form(Model model) {
		model.addAttribute("form", new SubscribeForm("", null));
		model.addAttribute("subscribeBoxInPage", true);
		return FORM;
	}

	/**
	 * An address that is not one is told so first, before any limit counts it. Then the form's own limit (posts from
	 * one network in a window), then the database's (unconfirmed subscriptions from one network in a day); each
	 * refusal names its limit and when it lifts. The per-recipient back-off refuses nobody: it sends no mail, behind
	 * the page every outcome shares.
	 */
	@PostMapping("/subscribe")
	Mono<String> subscribe(ServerWebExchange exchange, Model model) {
		if (CrossSitePosts.isCrossSite(exchange.getRequest())) {
			return crossSite(exchange, model);
		}
		String client = ClientAddress.of(exchange);
		return exchange.getFormData().flatMap(form -> {
			String email = form.getFirst("email");
			try {
				EmailAddress.parse(email);
			}
			catch (InvalidEmailAddressException ex) {
				return Mono.just(notAnAddress(exchange, model, email, ex));
			}
			Duration wait = requests.waitBefore(client);
			if (!wait.isZero()) {
				return Mono.just(tooMany(exchange, model, wait, "Too many requests from your network",
						"The subscription form was sent from your network more than " + limits.postsPerClient() + " times in "
								+ WaitingTime.of(limits.postsWindow()) + ". Please try again in " + WaitingTime.of(wait) + "."));
			}
			return subscriptions.subscribe(email, client).flatMap(outcome -> switch (outcome) {
				case TOO_MANY_FROM_CLIENT -> subscriptions.pendingLimitLiftsIn(client)
					.map(lifts -> tooMany(exchange, model, lifts, "Too many unconfirmed subscriptions from your network",
							limits.pendingPerClient() + " subscriptions asked for from your network today are still waiting "
									+ "for their confirmation. Open the link in those mails to confirm them, or try again in "
									+ WaitingTime.of(lifts) + "."));
				// The same page whether the address was new, mailed a moment ago or subscribed already: the
				// form must not tell anyone whether an address is on the list.
				case CONFIRMATION_SENT, SENT_RECENTLY, ALREADY_SUBSCRIBED -> Mono.just(notice(model, "Check your inbox",
						"If " + email.strip() + " is not subscribed yet, a mail with a confirmation link is on its way to it, "
								+ "unless we sent one there a short while ago: then that mail's link still works. "
								+ "Open the link and press the button to start getting every new post by email. "
								+ "No mail within a few minutes? Look in the spam folder.",
						false));
			}).onErrorResume(InvalidEmailAddressException.class, ex -> Mono.just(notAnAddress(exchange, model, email, ex)));
		});
	}

	private static String notAnAddress(ServerWebExchange exchange, Model model, String email, InvalidEmailAddressException ex) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		String echo = email == null ? "" : email.length() > ECHO_LENGTH ? email.substring(0, ECHO_LENGTH) : email;
		model.addAttribute("form", new SubscribeForm(echo, ex.getMessage()));
		model.addAttribute("subscribeBoxInPage", true);
		return FORM;
	}

	@GetMapping("/subscribe/confirm")
	Mono<String> confirmation(@RequestParam(required = false) String token, ServerWebExchange exchange, Model model) {
		tokenPage(exchange);
		return subscriptions.confirmation(token).map(state -> state == Confirmation.WAITING
				? button(model, "Confirm your subscription",
						"Press the button to get every new post of the blog by email. You can unsubscribe from any of them with one click.",
						"/subscribe/confirm", token, "Confirm my subscription")
				: confirmationPage(state, exchange, model));
	}

	@PostMapping("/subscribe/confirm")
	Mono<String> confirm(ServerWebExchange exchange, Model model) {
		tokenPage(exchange);
		if (CrossSitePosts.isCrossSite(exchange.getRequest())) {
			return crossSite(exchange, model);
		}
		return token(exchange).flatMap(subscriptions::confirm)
			.map(state -> confirmationPage(state, exchange, model));
	}

	@GetMapping("/unsubscribe")
	Mono<String> unsubscribePage(@RequestParam(required = false) String token, ServerWebExchange exchange, Model model) {
		tokenPage(exchange);
		return subscriptions.knowsUnsubscribeLink(token).map(known -> known
				? button(model, "Unsubscribe", "Press the button to stop getting new posts by email.", "/unsubscribe", token,
						"Unsubscribe")
				: unknownUnsubscribeLink(exchange, model));
	}

	/**
	 * RFC 8058 one-click unsubscribe, and the page's button: no cookie, no login, no cross-site check (the
	 * token is the authority, and mail providers post from their servers), no redirect, the same answer however
	 * often it is sent.
	 */
	@PostMapping("/unsubscribe")
	Mono<String> unsubscribe(ServerWebExchange exchange, Model model) {
		tokenPage(exchange);
		return token(exchange).flatMap(subscriptions::unsubscribe)
			.map(done -> done ? notice(model, "You are unsubscribed",
					"You will get no more posts by email. Changed your mind? You can subscribe again at any time.", true)
					: unknownUnsubscribeLink(exchange, model));
	}

	@GetMapping("/replies/stop")
	Mono<String> stopRepliesPage(@RequestParam(required = false) String token, ServerWebExchange exchange, Model model) {
		tokenPage(exchange);
		return replyNotices.knowsStopLink(token).map(known -> known
				? button(model, "Stop reply notices", "Press the button to get no more mails about replies to your comment.",
						"/replies/stop", token, "Stop reply notices")
				: unknownStopLink(exchange, model));
	}

	/** Like unsubscribing: one click from a mail client, no cookie, no redirect, idempotent. */
	@PostMapping("/replies/stop")
	Mono<String> stopReplies(ServerWebExchange exchange, Model model) {
		tokenPage(exchange);
		return token(exchange).flatMap(replyNotices::stop)
			.map(done -> done ? notice(model, "No more reply notices",
					"You will get no more mails about replies to that comment. The conversation stays on the post.", false)
					: unknownStopLink(exchange, model));
	}

	@GetMapping("/replies/confirm")
	Mono<String> replyAddressConfirmation(@RequestParam(required = false) String token, ServerWebExchange exchange,
			Model model) {
		tokenPage(exchange);
		return replyNotices.confirmation(token).map(state -> state == AddressConfirmation.WAITING
				? button(model, "Confirm reply notices",
						"Press the button to get a mail when somebody replies to a comment you asked notices for. Each of "
								+ "those mails has a link to stop them.",
						"/replies/confirm", token, "Confirm reply notices")
				: replyConfirmationPage(state, exchange, model));
	}

	@PostMapping("/replies/confirm")
	Mono<String> confirmReplyAddress(ServerWebExchange exchange, Model model) {
		tokenPage(exchange);
		if (CrossSitePosts.isCrossSite(exchange.getRequest())) {
			return crossSite(exchange, model);
		}
		return token(exchange).flatMap(replyNotices::confirm).map(state -> replyConfirmationPage(state, exchange, model));
	}

	private String replyConfirmationPage(AddressConfirmation state, ServerWebExchange exchange, Model model) {
		return switch (state) {
			case CONFIRMED, ALREADY_CONFIRMED -> notice(model, "Reply notices confirmed",
					"Replies to your comments that asked for notices will come to you by email, once they are approved.",
					false);
			case EXPIRED -> {
				exchange.getResponse().setStatusCode(HttpStatus.GONE);
				yield notice(model, "This link has expired",
						"Confirmation links for reply notices work for a week. Tick \"Notify me of replies\" under your next "
								+ "comment and we will send a fresh one.",
						false);
			}
			case UNKNOWN, WAITING -> {
				exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
				yield notice(model, "This link does not work",
						"It is not a confirmation link we sent, or a newer one replaced it. Copy the whole link from the "
								+ "latest mail.",
						false);
			}
		};
	}

	private String unknownStopLink(ServerWebExchange exchange, Model model) {
		exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
		return notice(model, "This link does not work",
				"It is not a link we sent. Copy the whole link from the bottom of the reply notice.", false);
	}

	private String confirmationPage(Confirmation state, ServerWebExchange exchange, Model model) {
		return switch (state) {
			case CONFIRMED -> notice(model, "You are subscribed",
					"Thank you: every new post will come to you by email. Each mail has a link to unsubscribe with one click.",
					false);
			case ALREADY_CONFIRMED -> notice(model, "Already confirmed",
					"This subscription was confirmed before: new posts come to you by email. There is nothing more to do.",
					false);
			case EXPIRED -> {
				exchange.getResponse().setStatusCode(HttpStatus.GONE);
				yield notice(model, "This link has expired",
						"Confirmation links work for two days. Subscribe again below and we will send a fresh one.", true);
			}
			case UNKNOWN, WAITING -> {
				exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
				yield notice(model, "This link does not work",
						"It is not a confirmation link we sent, or a newer one replaced it. Copy the whole link from the "
								+ "latest mail, or subscribe again below.",
						true);
			}
		};
	}

	private String unknownUnsubscribeLink(ServerWebExchange exchange, Model model) {
		exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
		return notice(model, "This link does not work",
				"It is not an unsubscribe link we sent. Copy the whole link from the bottom of one of our mails.", false);
	}

	private Mono<String> crossSite(ServerWebExchange exchange, Model model) {
		exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
		return Mono.just(notice(model, "Please use the form on this site",
				"This request came from another site, so it was not carried out. Use the form below instead.", true));
	}

	private static String tooMany(ServerWebExchange exchange, Model model, Duration wait, String heading, String message) {
		exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		return notice(model, heading, message, false);
	}

	private static String notice(Model model, String heading, String message, boolean offerForm) {
		model.addAttribute("notice", new Notice(heading, message, offerForm));
		model.addAttribute("form", new SubscribeForm("", null));
		model.addAttribute("subscribeBoxInPage", offerForm);
		return NOTICE;
	}

	private static String button(Model model, String heading, String message, String action, String token, String label) {
		model.addAttribute("button", new Button(heading, message, action, token, label));
		return BUTTON;
	}

	/** The token from the button's form, else from the URL (RFC 8058 posts to the List-Unsubscribe URL). */
	private static Mono<String> token(ServerWebExchange exchange) {
		String fromUrl = exchange.getRequest().getQueryParams().getFirst("token");
		return exchange.getFormData()
			.map(form -> firstOf(form, fromUrl))
			.defaultIfEmpty(fromUrl == null ? "" : fromUrl);
	}

	private static String firstOf(MultiValueMap<String, String> form, String fromUrl) {
		String fromForm = form.getFirst("token");
		return fromForm != null ? fromForm : fromUrl == null ? "" : fromUrl;
	}

	/** A page with a token in its URL: no cache may keep it, no other site may see the URL. */
	private static void tokenPage(ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().setCacheControl("no-store");
		exchange.getResponse().getHeaders().set("Referrer-Policy", "no-referrer");
	}
}
