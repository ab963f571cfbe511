package org.drugsandcrime.blog.core.proxy;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which direct peers may tell the apps who the client is.
 *
 * @param trusted addresses and CIDR ranges ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1}) of the reverse
 *     proxies in front of the app ({@code BLOG_TRUSTED_PROXIES}, comma-separated). Empty by default: then
 *     {@code Forwarded} and {@code X-Forwarded-*} headers are removed from every request, unread
 */
@ConfigurationProperties("blog.proxy")
public record ProxyProperties(List<String> trusted) {

	public ProxyProperties {
		trusted = trusted == null ? List.of()
				: trusted.stream().map(String::strip).filter(entry -> !entry.isEmpty()).toList();
	}
}
