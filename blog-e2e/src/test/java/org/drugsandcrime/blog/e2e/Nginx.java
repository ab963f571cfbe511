package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * Debian's nginx as a reverse proxy on loopback, run as this user from a configuration written for the test: pid,
 * logs and temporary files in a directory of its own under {@code target/}, {@code daemon off} so the test owns the
 * process. It forwards to one app and sets what a TLS-terminating nginx sets ({@code X-Forwarded-Proto} says https,
 * as {@code $scheme} would there), so tests see the app exactly as it is seen behind a real proxy.
 */
final class Nginx implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path directory;

	private Nginx(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	/** The nginx binary, where Debian's package puts it, or on the PATH; empty when it is not installed. */
	static Optional<Path> binary() {
		List<Path> candidates = new java.util.ArrayList<>(List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx")));
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (!dir.isEmpty()) {
				candidates.add(Path.of(dir, "nginx"));
			}
		}
		return candidates.stream().filter(Files::isExecutable).findFirst();
	}

	/** An nginx on 127.0.0.1 in front of {@code app}, proxying as the README's example does, behind TLS. */
	static Nginx inFrontOf(BlogProcess app) {
		Path nginx = binary().orElseThrow(() -> new IllegalStateException("nginx is not installed"));
		int port = freePort();
		try {
			Path directory = Files.createDirectories(Path.of("target", "nginx", "nginx-" + port)).toAbsolutePath();
			for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
				Files.createDirectories(directory.resolve(temp));
			}
			String user = System.getProperty("user.name");
			// Started by root, nginx would hand its workers to "nobody", who cannot write here; as anyone else the
			// directive is not allowed, and not needed.
			String workers = "root".equals(user) ? "user root root;\n" : "";
			Files.writeString(directory.resolve("nginx.conf"), """
					%sdaemon off;
					worker_processes 1;
					pid %s/nginx.pid;
					error_log %s/error.log info;
					events { worker_connections 256; }
					http {
					  access_log %s/access.log;
					  client_body_temp_path %s/client_body;
					  proxy_temp_path %s/proxy;
					  fastcgi_temp_path %s/fastcgi;
					  uwsgi_temp_path %s/uwsgi;
					  scgi_temp_path %s/scgi;
					  server {
					    listen 127.0.0.1:%d;
					    location / {
					      proxy_pass http://127.0.0.1:%d;
					      proxy_set_header Host $host;
					      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
					      proxy_set_header X-Forwarded-Proto https;
					      proxy_set_header X-Forwarded-Host $host;
					      proxy_set_header X-Forwarded-Port 443;
					      proxy_set_header Forwarded "";
					    }
					  }
					}
					""".formatted(workers, directory, directory, directory, directory, directory, directory, directory, directory,
					port, app.port()));
			Process process = new ProcessBuilder(nginx.toString(), "-p", directory.toString(), "-e",
					directory.resolve("error.log").toString(), "-c", directory.resolve("nginx.conf").toString())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("output.log").toFile())
				.start();
			Nginx started = new Nginx(process, port, directory);
			try {
				Awaitility.await("nginx listening on " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
					.until(started::listening);
			}
			catch (RuntimeException ex) {
				started.close();
				throw new IllegalStateException("nginx did not start: " + started.log(), ex);
			}
			return started;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start nginx: " + ex.getMessage(), ex);
		}
	}

	int port() {
		return port;
	}

	String log() {
		try {
			return Files.readString(directory.resolve("output.log")) + Files.readString(directory.resolve("error.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private boolean listening() {
		if (!process.isAlive()) {
			throw new IllegalStateException("nginx ended: " + log());
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
