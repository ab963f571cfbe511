package org.drugsandcrime.blog.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A local WebSub hub for the tests: records every publish ping it accepts, and can be told to fail a number
 * of pings first or to hang without answering, the ways a real hub goes down.
 */
public final class StandInHub {

	private static StandInHub instance;

	private final HttpServer server;

	private final List<Ping> accepted = new CopyOnWriteArrayList<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private final AtomicInteger attempts = new AtomicInteger();

	private volatile CountDownLatch hang;

	private StandInHub() throws IOException {
		server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		server.setExecutor(Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "stand-in-hub");
			thread.setDaemon(true);
			return thread;
		}));
		server.createContext("/hub", exchange -> {
			attempts.incrementAndGet();
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			CountDownLatch hanging = hang;
			if (hanging != null) {
				try {
					hanging.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			int status = failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? 503 : 204;
			if (status == 204) {
				accepted.add(Ping.parse(body, exchange.getRequestHeaders().getFirst("Content-Type")));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	public static synchronized StandInHub get() {
		if (instance == null) {
			try {
				instance = new StandInHub();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the stand-in WebSub hub", ex);
			}
		}
		return instance;
	}

	public String url() {
		return "http://localhost:" + server.getAddress().getPort() + "/hub";
	}

	/** Every ping accepted so far. */
	public List<Ping> pings() {
		return new ArrayList<>(accepted);
	}

	public List<String> topics() {
		return pings().stream().map(Ping::topic).toList();
	}

	public int attempts() {
		return attempts.get();
	}

	public int failuresLeft() {
		return failuresLeft.get();
	}

	/** Answers the next {@code count} pings with 503 Service Unavailable. */
	public void failNext(int count) {
		failuresLeft.set(count);
	}

	/** Holds every ping without an answer until {@link #recover()}. */
	public void hang() {
		hang = new CountDownLatch(1);
	}

	public void recover() {
		CountDownLatch hanging = hang;
		hang = null;
		failuresLeft.set(0);
		if (hanging != null) {
			hanging.countDown();
		}
	}

	/** One publish notification as the hub received it. */
	public record Ping(String mode, String topic, String contentType) {

		static Ping parse(String body, String contentType) {
			String mode = null;
			String topic = null;
			for (String pair : body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals < 0) {
					continue;
				}
				String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
				String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				if (name.equals("hub.mode")) {
					mode = value;
				}
				else if (name.equals("hub.url")) {
					topic = value;
				}
			}
			return new Ping(mode, topic, contentType);
		}
	}

	/** Configures the application under test with this hub. */
	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("standInHub", Map.of("blog.feed.websub-hub", get().url())));
		}
	}
}
