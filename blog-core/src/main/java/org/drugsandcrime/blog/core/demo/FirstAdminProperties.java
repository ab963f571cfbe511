package org.drugsandcrime.blog.core.demo;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin account, created at start when no account has the address ({@code BLOG_ADMIN_EMAIL},
 * {@code BLOG_ADMIN_PASSWORD}; a password that breaks the password policy stops the start). Without them the demo
 * content creates admin@example.org with a random password, written to {@code passwordFile} (readable by its owner
 * only), never to the log. Either password must be changed at the first sign-in.
 *
 * @param email the first admin's address
 * @param password its password, for the first sign-in only
 * @param passwordFile where a generated password is written ({@code BLOG_ADMIN_PASSWORD_FILE}, by default
 * {@code ~/.blog/first-admin-password})
 */
@ConfigurationProperties("blog.admin")
public record FirstAdminProperties(String email, String password, Path passwordFile) {

	public FirstAdminProperties {
		if (passwordFile == null) {
			passwordFile = Path.of(System.getProperty("user.home"), ".blog", "first-admin-password");
		}
	}
}
