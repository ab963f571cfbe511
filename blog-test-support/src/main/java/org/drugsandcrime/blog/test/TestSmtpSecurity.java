package org.drugsandcrime.blog.test;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * GreenMail, the tests' SMTP server, speaks plain SMTP (it has no STARTTLS), while the apps require STARTTLS unless
 * told otherwise ({@code BLOG_SMTP_SECURITY}). So every Spring application started in a test JVM says so here,
 * {@code blog.mail.smtp-security=none}, unless the test chose a protection itself (as the tests of that rule do).
 */
class TestSmtpSecurity implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!StringUtils.hasText(environment.getProperty("blog.mail.smtp-security"))) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("blogTestSmtpSecurity", Map.of("blog.mail.smtp-security", "none")));
		}
	}
}
