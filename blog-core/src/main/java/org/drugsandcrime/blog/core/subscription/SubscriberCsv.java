package org.drugsandcrime.blog.core.subscription;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull reader of CSV as spreadsheets and mailing-list services write it (RFC 4180 and its habits): fields in double
 * quotes may hold commas, quotes ({@code ""}) and line breaks; lines end in CRLF, LF or CR; a UTF-8 byte order mark
 * is skipped; the separator is a comma, or a semicolon or tab when the first line has those and no comma (Excel in
 * much of Europe). One record is in memory at a time. It blocks on its input: run it off the event loop.
 */
final class SubscriberCsv implements Closeable {

	/** Longer than any row of a subscriber list: a file with such a line is not one. */
	static final int MAX_RECORD_LENGTH = 16 * 1024;

	private final BufferedReader in;

	private char separator;

	private boolean started;

	private long line = 1;

	private int pending = -2;

	private SubscriberCsv(BufferedReader in) {
		this.in = in;
	}

	/** Reads UTF-8 strictly: bytes that are not UTF-8 text stop the import with a message instead of becoming noise. */
	static SubscriberCsv open(InputStream bytes) {
		return new SubscriberCsv(new BufferedReader(new InputStreamReader(bytes,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				8192));
	}

	/** The next record with the line it starts on, or null at the end. Blank lines are skipped. */
	Record next() {
		try {
			if (!started) {
				start();
			}
			while (true) {
				int first = read();
				if (first == -1) {
					return null;
				}
				if (first == '\r' || first == '\n') {
					endOfLine(first);
					continue;
				}
				unread(first);
				return record();
			}
		}
		catch (CharacterCodingException ex) {
			throw notText();
		}
		catch (IOException ex) {
			throw new InvalidSubscriberFileException("The file could not be read to the end: " + ex.getMessage());
		}
	}

	private Record record() throws IOException {
		long startLine = line;
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		int length = 0;
		boolean quoted = false;
		boolean cellStarted = false;
		while (true) {
			int c = read();
			if (++length > MAX_RECORD_LENGTH) {
				throw new InvalidSubscriberFileException("Line " + startLine + " is longer than " + MAX_RECORD_LENGTH
						+ " characters: this does not look like a list of subscribers. Nothing was imported.");
			}
			if (c == 0) {
				throw notText();
			}
			if (quoted) {
				if (c == -1) {
					throw new InvalidSubscriberFileException("The quotes opened on line " + startLine
							+ " are never closed: the file is cut short or not a CSV file. Nothing was imported.");
				}
				if (c == '"') {
					int after = read();
					if (after == '"') {
						cell.append('"');
					}
					else {
						quoted = false;
						unread(after);
					}
				}
				else {
					if (c == '\n' || (c == '\r' && peekNot('\n'))) {
						line++;
					}
					cell.append((char) c);
				}
				continue;
			}
			if (c == -1 || c == '\r' || c == '\n') {
				cells.add(cell.toString());
				if (c != -1) {
					endOfLine(c);
				}
				return new Record(startLine, List.copyOf(cells));
			}
			if (c == separator) {
				cells.add(cell.toString());
				cell.setLength(0);
				cellStarted = false;
			}
			else if (c == '"' && !cellStarted) {
				quoted = true;
				cellStarted = true;
			}
			else {
				cell.append((char) c);
				cellStarted = true;
			}
		}
	}

	/**
	 * Skips a byte order mark and chooses the separator from the first line: a comma unless the line has none and has
	 * semicolons or tabs.
	 */
	private void start() throws IOException {
		started = true;
		in.mark(MAX_RECORD_LENGTH + 2);
		if (in.read() != '\uFEFF') {
			in.reset();
		}
		in.mark(MAX_RECORD_LENGTH + 2);
		StringBuilder firstLine = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n' && c != '\r' && firstLine.length() <= MAX_RECORD_LENGTH; c = in.read()) {
			firstLine.append((char) c);
		}
		in.reset();
		if (firstLine.indexOf(",") >= 0) {
			separator = ',';
		}
		else if (firstLine.indexOf(";") >= 0) {
			separator = ';';
		}
		else if (firstLine.indexOf("\t") >= 0) {
			separator = '\t';
		}
		else {
			separator = ',';
		}
	}

	private void endOfLine(int c) throws IOException {
		if (c == '\r') {
			int after = read();
			if (after != '\n') {
				unread(after);
			}
		}
		line++;
	}

	private boolean peekNot(char expected) throws IOException {
		int after = read();
		unread(after);
		return after != expected;
	}

	private int read() throws IOException {
		if (pending != -2) {
			int c = pending;
			pending = -2;
			return c;
		}
		return in.read();
	}

	private void unread(int c) {
		pending = c;
	}

	private static InvalidSubscriberFileException notText() {
		return new InvalidSubscriberFileException(
				"This file is not a CSV text file (it has bytes that are not UTF-8 text). Save the list as \"CSV UTF-8\" and try again. Nothing was imported.");
	}

	@Override
	public void close() {
		try {
			in.close();
		}
		catch (IOException ex) {
			// Nothing was written through it; the file's bytes are the caller's to let go of.
		}
	}

	/** One row of the file: its cells, and the line of the file it starts on (1 is the first). */
	record Record(long line, List<String> cells) {
	}
}
