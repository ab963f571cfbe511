package org.drugsandcrime.blog.core.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * What stands between the blog and an SMTP server, for the tests of {@link SmtpSecurity}: GreenMail has no STARTTLS,
 * so this front offers it (with a certificate made by the JDK's keytool) and hands the decrypted conversation to
 * GreenMail; or, not offering it, it passes everything through as a network that stripped STARTTLS would. Either way it
 * keeps every byte the client sent in clear, which is what anyone on the path could read.
 */
final class SmtpFront implements AutoCloseable {

	private final ServerSocket server;

	private final int backendPort;

	private final SSLContext tls;

	private final ByteArrayOutputStream clear = new ByteArrayOutputStream();

	private SmtpFront(int backendPort, SSLContext tls) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.backendPort = backendPort;
		this.tls = tls;
		Thread acceptor = new Thread(this::accept, "smtp-front");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Passes the conversation through unchanged: GreenMail's EHLO, which offers no STARTTLS. */
	static SmtpFront plain(int backendPort) throws IOException {
		return new SmtpFront(backendPort, null);
	}

	/** Offers STARTTLS with the certificate in {@code keyStore} (see {@link #certificate}), then relays to GreenMail. */
	static SmtpFront startTls(int backendPort, Path keyStore) throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			keys.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		managers.init(keys, PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(managers.getKeyManagers(), null, null);
		return new SmtpFront(backendPort, context);
	}

	private static final String PASSWORD = "front-keystore";

	/**
	 * A self-signed certificate for 127.0.0.1 and localhost, made by keytool in {@code directory}: the key store for the
	 * front, and the certificate alone (PEM) for the blog's {@code BLOG_SMTP_CA_FILE}. Answers the key store.
	 */
	static Path certificate(Path directory) throws IOException, InterruptedException {
		Path keyStore = directory.resolve("front.p12");
		Path pem = directory.resolve("front-ca.pem");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		run(List.of(keytool, "-genkeypair", "-alias", "front", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
				"-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
		run(List.of(keytool, "-exportcert", "-rfc", "-alias", "front", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
				"-file", pem.toString()));
		return keyStore;
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException(command.get(1) + " failed: " + output);
		}
	}

	int port() {
		return server.getLocalPort();
	}

	/** Everything clients sent that travelled unencrypted. */
	String sentInClear() {
		synchronized (clear) {
			return clear.toString(StandardCharsets.ISO_8859_1);
		}
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Thread handler = new Thread(() -> handle(client), "smtp-front-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void handle(Socket client) {
		try (client) {
			if (tls == null) {
				try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
					relay(client.getInputStream(), client.getOutputStream(), backend, true);
				}
				return;
			}
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			write(out, "220 front ESMTP\r\n");
			while (true) {
				String line = readLine(in, true);
				if (line == null) {
					return;
				}
				String command = line.strip().toUpperCase(java.util.Locale.ROOT);
				if (command.startsWith("EHLO") || command.startsWith("HELO")) {
					write(out, "250-front\r\n250 STARTTLS\r\n");
				}
				else if (command.equals("STARTTLS")) {
					write(out, "220 2.0.0 Ready to start TLS\r\n");
					break;
				}
				else if (command.equals("QUIT")) {
					write(out, "221 2.0.0 Bye\r\n");
					return;
				}
				else {
					write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
				}
			}
			SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(client, "127.0.0.1", client.getPort(), true);
			secured.setUseClientMode(false);
			secured.startHandshake();
			try (secured; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
				readLine(backend.getInputStream(), false); // GreenMail's greeting: the client had the front's
				relay(secured.getInputStream(), secured.getOutputStream(), backend, false);
			}
		}
		catch (IOException ex) {
			// The client or GreenMail hung up: the conversation is over.
		}
	}

	/** Copies both ways until either side closes; what the client sends is recorded when it travels in clear. */
	private void relay(InputStream fromClient, OutputStream toClient, Socket backend, boolean record) throws IOException {
		Thread back = new Thread(() -> {
			try {
				backend.getInputStream().transferTo(toClient);
			}
			catch (IOException closed) {
				// Over.
			}
		}, "smtp-front-back");
		back.setDaemon(true);
		back.start();
		OutputStream toBackend = backend.getOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while ((n = fromClient.read(buffer)) >= 0) {
			if (record) {
				synchronized (clear) {
					clear.write(buffer, 0, n);
				}
			}
			toBackend.write(buffer, 0, n);
			toBackend.flush();
		}
	}

	/** One line, byte by byte, so nothing after it (a TLS handshake) is read ahead. */
	private String readLine(InputStream in, boolean record) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			line.write(b);
			if (b == '\n') {
				break;
			}
		}
		if (record) {
			synchronized (clear) {
				clear.write(line.toByteArray());
			}
		}
		return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		server.close();
	}
}
