package org.drugsandcrime.blog.core.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin account, created at start when no admin exists ({@code BLOG_ADMIN_EMAIL},
 * {@code BLOG_ADMIN_PASSWORD}). Without them the demo content creates admin@example.org with a random
 * password that is printed once.
 */
@ConfigurationProperties("blog.admin")
public record FirstAdminProperties(String email, String password) {
}
