package org.drugsandcrime.blog.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Requests written byte for byte over a socket of their own, for what an HTTP client will not send: a body shorter
 * than its stated length, a length the server refuses before reading, bytes that are not what their type says. The
 * body goes from another thread while the answer is read, since the server may answer (and close) before it has
 * read a body it refuses.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** What came back: the status (-1 when the connection closed without an answer), the head and the body as text. */
	public record Answer(int status, String head, String body, Duration took) {

		public boolean closedWithoutAnswer() {
			return status == -1;
		}
	}

	/** How the request ends once its bytes are written. */
	public enum Ending {
		/** Waits for the answer with the connection open. */
		WAIT,
		/** Half-closes: nothing more will be sent, the answer is still read. */
		HALF_CLOSE
	}

	/** Sends {@code head} (the request line and headers, CRLF-terminated, without the blank line) and {@code body}. */
	public Answer send(String head, byte[] body, Ending ending, Duration patience) {
		long started = System.nanoTime();
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout((int) patience.toMillis());
			OutputStream out = socket.getOutputStream();
			Thread sender = new Thread(() -> {
				try {
					out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
					out.write(body);
					out.flush();
					if (ending == Ending.HALF_CLOSE) {
						socket.shutdownOutput();
					}
				}
				catch (IOException stopped) {
					// The server answered and closed the connection on the rest of the body.
				}
			}, "raw-http-sender");
			sender.setDaemon(true);
			sender.start();
			byte[] answer;
			try {
				answer = readUntilClosed(socket);
			}
			catch (SocketTimeoutException hung) {
				return new Answer(-2, "", "no answer and no close within " + patience, elapsed(started));
			}
			sender.join(patience.toMillis());
			return parse(answer, elapsed(started));
		}
		catch (IOException ex) {
			return new Answer(-1, "", ex.toString(), elapsed(started));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A POST of {@code body} with the given Content-Type (none when null) and a Content-Length that tells the truth,
	 * asking the server to close the connection after its answer.
	 */
	public Answer post(String path, String contentType, byte[] body) {
		return send(postHead(path, contentType, body.length) + "Connection: close\r\n", body, Ending.WAIT,
				Duration.ofSeconds(30));
	}

	/** The head of a POST that states {@code length}, whatever follows; the connection is left to the server. */
	public String postHead(String path, String contentType, long length) {
		return "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/html\r\n"
				+ (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "Content-Length: " + length + "\r\n";
	}

	private static Duration elapsed(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private static Answer parse(byte[] answer, Duration took) {
		String text = new String(answer, StandardCharsets.ISO_8859_1);
		int blank = text.indexOf("\r\n\r\n");
		if (!text.startsWith("HTTP/1.1 ") || blank < 0) {
			return new Answer(-1, "", text, took);
		}
		String head = text.substring(0, blank);
		boolean chunked = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
		String content = chunked ? dechunked(text.substring(blank + 4)) : text.substring(blank + 4);
		return new Answer(Integer.parseInt(text.substring(9, 12)), head,
				new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), took);
	}

	/** Everything sent before the server closed; closing on a body it did not read, it may reset the connection. */
	private static byte[] readUntilClosed(Socket socket) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = socket.getInputStream().read(buffer); read >= 0; read = socket.getInputStream().read(buffer)) {
				received.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException timeout) {
			if (received.size() == 0) {
				throw timeout;
			}
		}
		catch (SocketException reset) {
			// What arrived before the reset is the answer; nothing at all is a close without one.
		}
		return received.toByteArray();
	}

	/** A chunked body read as ISO-8859-1, one character a byte, so chunk sizes count characters. */
	private static String dechunked(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int end = chunked.indexOf("\r\n", at);
			if (end < 0) {
				return body.toString();
			}
			int size = Integer.parseInt(chunked.substring(at, end).split(";")[0].strip(), 16);
			if (size == 0 || end + 2 + size > chunked.length()) {
				return body.toString();
			}
			body.append(chunked, end + 2, end + 2 + size);
			at = end + 2 + size + 2;
		}
	}
}
