package org.drugsandcrime.blog.web.quality;

import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the statements the application sends to PostgreSQL: one per round trip, a batch counting once.
 * Wraps the application's own connection factory (the pool), so what is counted is exactly what runs.
 */
final class StatementCounter {

	private final AtomicInteger statements = new AtomicInteger();

	/** How many statements {@code action} sent. */
	int count(Runnable action) {
		int before = statements.get();
		action.run();
		return statements.get() - before;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Installed {

		@Bean
		StatementCounter statementCounter() {
			return new StatementCounter();
		}

		@Bean
		static BeanPostProcessor countingConnectionFactory(org.springframework.beans.factory.ObjectProvider<StatementCounter> counter) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof ConnectionFactory factory && name.equals("connectionFactory")) {
						return ProxyConnectionFactory.builder(factory)
							.onBeforeQuery(execution -> counter.getObject().statements.incrementAndGet())
							.build();
					}
					return bean;
				}
			};
		}
	}
}
