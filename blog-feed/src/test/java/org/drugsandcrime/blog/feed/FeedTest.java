package org.drugsandcrime.blog.feed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.drugsandcrime.blog.test.BlogTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context every feed test shares: the feed routes on a real port against the test
 * database, served as {@value #BASE_URL}, with a stand-in WebSub hub configured.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@BlogTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "blog.demo.content=false", "blog.base-url=" + FeedTest.BASE_URL })
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = StandInHub.Initializer.class)
public @interface FeedTest {

	/** Where the feeds say they live; no test request goes there. */
	String BASE_URL = "https://feeds.example.org";
}
