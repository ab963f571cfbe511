package org.drugsandcrime.blog.core.proxy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Puts {@link TrustedProxies} where WebFlux looks for its forwarded-header transformer, in both web apps. Spring
 * Boot's {@code server.forward-headers-strategy} believes every peer, so it is refused here rather than left to
 * undo the rule.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ProxyConfiguration {

	@Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
	ForwardedHeaderTransformer forwardedHeaderTransformer(ProxyProperties properties, Environment environment) {
		String strategy = environment.getProperty("server.forward-headers-strategy", "none");
		if (!strategy.equalsIgnoreCase("none")) {
			throw new IllegalStateException("server.forward-headers-strategy=" + strategy + " would believe forwarded "
					+ "headers from anyone: remove it and name the proxies in BLOG_TRUSTED_PROXIES (blog.proxy.trusted)");
		}
		return new TrustedProxies(properties.trusted());
	}
}
