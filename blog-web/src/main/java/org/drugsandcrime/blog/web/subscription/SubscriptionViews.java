package org.drugsandcrime.blog.web.subscription;

/** What the subscription pages show; the templates only lay these out. */
final class SubscriptionViews {

	private SubscriptionViews() {
	}

	/** The form, with what the reader typed and what is wrong with it. */
	record SubscribeForm(String email, String error) {
	}

	/** A page that tells the reader where things stand; {@code offerForm} adds the subscription form. */
	record Notice(String heading, String message, boolean offerForm) {
	}

	/** A page whose button does what a link in a mail asked for (a GET only shows it). */
	record Button(String heading, String message, String action, String token, String label) {
	}
}
