package org.drugsandcrime.blog.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring Boot test against the JVM's throwaway PostgreSQL. Demo content is off unless a test asks for
 * it, so each test builds the data it asserts on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
@ExtendWith({ HangReport.class, ClockBackToNow.class })
@TestPropertySource(properties = "spring.test.webtestclient.timeout=" + BlogTest.RESPONSE_TIMEOUT)
public @interface BlogTest {

	/**
	 * How long a test's WebTestClient waits for an answer. It detects a hang; speed is the benchmarks' business.
	 * WebTestClient's own 5 s was too short for the first request of a cold JVM, instrumented by BlockHound, on a
	 * loaded 2-core build machine.
	 */
	String RESPONSE_TIMEOUT = "PT30S";

	@AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
	SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

	/**
	 * The context's properties. Naming any replaces the default, so keep {@code blog.demo.content=false} among them:
	 * a context that loads the demo content into the JVM's shared database changes what every later class sees.
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default { "blog.demo.content=false" };
}
