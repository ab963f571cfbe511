package org.drugsandcrime.blog.core.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of a demo content file: a header of {@code key: value} lines between two {@code ---} lines,
 * then a Markdown body up to the next {@code ---} line. A file holds one record or many.
 */
record DemoRecord(Map<String, String> header, String body) {

	static List<DemoRecord> parseAll(String text) {
		List<String> lines = Arrays.asList(text.replace("\r\n", "\n").split("\n", -1));
		List<DemoRecord> records = new ArrayList<>();
		int i = 0;
		while (i < lines.size() && !lines.get(i).equals("---")) {
			i++;
		}
		while (i < lines.size()) {
			i++; // opening ---
			Map<String, String> header = new LinkedHashMap<>();
			while (i < lines.size() && !lines.get(i).equals("---")) {
				String line = lines.get(i++);
				int colon = line.indexOf(':');
				if (colon > 0) {
					header.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
				}
			}
			i++; // closing ---
			StringBuilder body = new StringBuilder();
			while (i < lines.size() && !lines.get(i).equals("---")) {
				body.append(lines.get(i++)).append('\n');
			}
			if (!header.isEmpty()) {
				records.add(new DemoRecord(header, body.toString().strip()));
			}
		}
		return records;
	}

	String get(String key) {
		return header.getOrDefault(key, "");
	}

	List<String> list(String key) {
		List<String> values = new ArrayList<>();
		for (String value : get(key).split(",")) {
			if (!value.isBlank()) {
				values.add(value.strip());
			}
		}
		return values;
	}

	double number(String key, double otherwise) {
		String value = get(key);
		return value.isBlank() ? otherwise : Double.parseDouble(value);
	}
}
