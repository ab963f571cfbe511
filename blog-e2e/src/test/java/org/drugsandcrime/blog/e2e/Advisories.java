package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The local advisory list ({@code security/advisories.csv}) and what it says of a component: no network, no
 * vulnerability database, only what the list's last refresh wrote down. Ranges are written as in GitHub's advisory
 * database ({@code >=6.1.0 <6.1.4}), several joined by {@code ||}; versions compare as Maven orders them, closely
 * enough for release versions ({@code 4.2.0.Alpha1 < 4.2.0.Final = 4.2.0 < 4.2.0.1}).
 */
final class Advisories {

	static final Set<String> FAILING = Set.of("high", "critical");

	private final List<Advisory> advisories;

	private Advisories(List<Advisory> advisories) {
		this.advisories = advisories;
	}

	static Advisories read(Path csv) throws IOException {
		List<Advisory> advisories = new ArrayList<>();
		for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split(",", 6);
			if (fields.length != 6 || !fields[1].contains(":")) {
				throw new IllegalArgumentException(csv + ": not an advisory line: " + line);
			}
			String severity = fields[4].strip().toLowerCase(Locale.ROOT);
			if (!Set.of("low", "moderate", "medium", "high", "critical").contains(severity)) {
				throw new IllegalArgumentException(csv + ": unknown severity '" + fields[4] + "' in: " + line);
			}
			Advisory advisory = new Advisory(fields[0].strip(), fields[1].strip(), fields[2].strip(), fields[3].strip(), severity,
					fields[5].strip());
			advisory.affects("0"); // a range that does not parse fails here, not silently later
			advisories.add(advisory);
		}
		return new Advisories(advisories);
	}

	int size() {
		return advisories.size();
	}

	/** The advisories whose package is the component's and whose ranges hold its version. */
	List<Advisory> matching(Component component) {
		return advisories.stream()
			.filter(advisory -> component.is(advisory.pkg()))
			.filter(advisory -> advisory.affects(component.version()))
			.toList();
	}

	/** A library as shipped: its Maven coordinates ({@code group} null when only the file name told). */
	record Component(String group, String artifact, String version) {

		boolean is(String pkg) {
			String[] parts = pkg.split(":", 2);
			return parts[1].equals(artifact) && (group == null || parts[0].equals(group));
		}

		@Override
		public String toString() {
			return (group == null ? "?" : group) + ":" + artifact + ":" + version;
		}
	}

	record Advisory(String ecosystem, String pkg, String affected, String id, String severity, String summary) {

		boolean failing() {
			return FAILING.contains(severity);
		}

		boolean affects(String version) {
			for (String range : affected.split("\\|\\|")) {
				boolean inside = true;
				for (String bound : range.strip().split("\\s+")) {
					inside &= holds(bound, version);
				}
				if (inside) {
					return true;
				}
			}
			return false;
		}

		private boolean holds(String bound, String version) {
			for (String operator : new String[] { ">=", "<=", ">", "<", "=" }) {
				if (bound.startsWith(operator)) {
					int order = compare(version, bound.substring(operator.length()));
					return switch (operator) {
						case ">=" -> order >= 0;
						case "<=" -> order <= 0;
						case ">" -> order > 0;
						case "<" -> order < 0;
						default -> order == 0;
					};
				}
			}
			throw new IllegalArgumentException(id + ": '" + bound + "' is not a bound such as >=1.2.0 or <1.3.1");
		}

		@Override
		public String toString() {
			return id + " (" + severity + ", " + pkg + " " + affected + "): " + summary;
		}
	}

	/** Maven's order for the versions libraries use: numbers numerically, pre-releases before, "Final" as nothing. */
	static int compare(String left, String right) {
		List<Object> a = items(left);
		List<Object> b = items(right);
		for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
			Object x = i < a.size() ? a.get(i) : null;
			Object y = i < b.size() ? b.get(i) : null;
			int order = compareItem(x, y);
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

	private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");

	private static int compareItem(Object x, Object y) {
		if (x instanceof Long && y instanceof Long) {
			return Long.compare((Long) x, (Long) y);
		}
		if (x == null) {
			return -compareItem(y, null);
		}
		if (y == null) {
			// What is missing counts as 0 against a number, as a release against a qualifier.
			return x instanceof Long number ? Long.compare(number, 0) : compareQualifiers((String) x, "");
		}
		if (x instanceof Long) {
			return 1; // 1.0.1 after 1.0-rc
		}
		if (y instanceof Long) {
			return -1;
		}
		return compareQualifiers((String) x, (String) y);
	}

	private static int compareQualifiers(String x, String y) {
		int i = QUALIFIERS.indexOf(x);
		int j = QUALIFIERS.indexOf(y);
		if (i >= 0 && j >= 0) {
			return Integer.compare(i, j);
		}
		if (i >= 0) {
			return -1; // known qualifiers before unknown ones, as in Maven
		}
		if (j >= 0) {
			return 1;
		}
		return x.compareTo(y);
	}

	private static List<Object> items(String version) {
		List<Object> items = new ArrayList<>();
		String separated = version.toLowerCase(Locale.ROOT)
			.replaceAll("[\\-_+]", ".")
			.replaceAll("(?<=\\d)(?=[^\\d.])|(?<=[^\\d.])(?=\\d)", ".");
		for (String token : separated.split("\\.")) {
			if (token.isEmpty()) {
				continue;
			}
			if (Character.isDigit(token.charAt(0))) {
				items.add(Long.parseLong(token));
			}
			else {
				items.add(switch (token) {
					case "a" -> "alpha";
					case "b" -> "beta";
					case "m" -> "milestone";
					case "cr" -> "rc";
					case "final", "ga", "release" -> "";
					default -> token;
				});
			}
		}
		// Trailing zeros and releases say nothing: 4.2.0.Final is 4.2.
		while (!items.isEmpty() && (items.get(items.size() - 1).equals(0L) || items.get(items.size() - 1).equals(""))) {
			items.remove(items.size() - 1);
		}
		return items;
	}
}
