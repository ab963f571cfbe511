package org.drugsandcrime.blog.web.views;

import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the statements that add view counts as PostgreSQL receives them (a JDBC-style batch would still count
 * once per statement sent), wrapping the application's own connection factory.
 */
final class UpsertCounter {

	private final AtomicInteger upserts = new AtomicInteger();

	/** How many view-count statements {@code action} sent. */
	int count(Runnable action) {
		int before = upserts.get();
		action.run();
		return upserts.get() - before;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Installed {

		@Bean
		UpsertCounter upsertCounter() {
			return new UpsertCounter();
		}

		@Bean
		static BeanPostProcessor countingUpserts(ObjectProvider<UpsertCounter> counter) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof ConnectionFactory factory && name.equals("connectionFactory")) {
						return ProxyConnectionFactory.builder(factory).onBeforeQuery(execution -> {
							if (execution.getQueries().stream().anyMatch(query -> query.getQuery().contains("INSERT INTO post_daily_views"))) {
								counter.getObject().upserts.incrementAndGet();
							}
						}).build();
					}
					return bean;
				}
			};
		}
	}
}
