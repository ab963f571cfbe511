package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.drugsandcrime.blog.e2e.Advisories.Component;

/**
 * What an app's jar ships: every library under {@code BOOT-INF/lib}, named by its own {@code pom.properties} or, where
 * it has none (many are built by Gradle), by its file name; and the CycloneDX bill of materials the build put in the
 * jar ({@link #SBOM}), which adds the group of each. The plugin that writes it runs only
 * when Maven is online (as in CI); an offline build still checks every library by name.
 */
record ShippedComponents(Set<Component> libraries, List<String> libraryFiles, Set<Component> billOfMaterials) {

	/** Where Spring Boot's jar keeps it (its manifest's {@code Sbom-Location}). */
	static final String SBOM = "META-INF/sbom/application.cdx.json";

	private static final Pattern PURL = Pattern.compile("\"purl\"\\s*:\\s*\"pkg:maven/([^/\"]+)/([^@\"]+)@([^\"?#]+)");

	private static final Pattern FILE = Pattern.compile("(.+?)-(\\d[^/]*)\\.jar");

	static ShippedComponents of(Path jar) throws IOException {
		Set<Component> libraries = new LinkedHashSet<>();
		List<String> files = new ArrayList<>();
		Set<Component> billOfMaterials = new LinkedHashSet<>();
		try (JarFile file = new JarFile(jar.toFile())) {
			for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
				JarEntry entry = entries.nextElement();
				if (entry.getName().equals(SBOM)) {
					try (InputStream in = file.getInputStream(entry)) {
						billOfMaterials.addAll(fromBillOfMaterials(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
					}
				}
				if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
					String name = entry.getName().substring("BOOT-INF/lib/".length());
					files.add(name);
					try (JarInputStream library = new JarInputStream(file.getInputStream(entry))) {
						libraries.addAll(identify(name, library));
					}
				}
			}
		}
		return new ShippedComponents(libraries, files, billOfMaterials);
	}

	/** The Maven components a CycloneDX JSON document lists (by their package URLs). */
	static Set<Component> fromBillOfMaterials(String json) {
		Set<Component> components = new LinkedHashSet<>();
		Matcher purl = PURL.matcher(json);
		while (purl.find()) {
			components.add(new Component(decode(purl.group(1)), decode(purl.group(2)), decode(purl.group(3))));
		}
		return components;
	}

	/** Everything to check: the libraries, with the bill of materials' groups for those named by file only. */
	Set<Component> all() {
		Set<Component> all = new LinkedHashSet<>(billOfMaterials);
		for (Component library : libraries) {
			boolean known = billOfMaterials.stream()
				.anyMatch(listed -> listed.artifact().equals(library.artifact()) && listed.version().equals(library.version()));
			if (!known) {
				all.add(library);
			}
		}
		return all;
	}

	private static List<Component> identify(String fileName, JarInputStream library) throws IOException {
		List<Component> found = new ArrayList<>();
		for (ZipEntry inner; (inner = library.getNextEntry()) != null;) {
			if (inner.getName().startsWith("META-INF/maven/") && inner.getName().endsWith("/pom.properties")) {
				Properties pom = new Properties();
				pom.load(library);
				found.add(new Component(pom.getProperty("groupId"), pom.getProperty("artifactId"), pom.getProperty("version")));
			}
		}
		if (found.isEmpty()) {
			Matcher name = FILE.matcher(fileName);
			if (!name.matches()) {
				throw new IllegalStateException(fileName + " names no version, and has no pom.properties: cannot be checked");
			}
			found.add(new Component(null, name.group(1), name.group(2)));
		}
		return found;
	}

	private static String decode(String value) {
		return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
	}
}
