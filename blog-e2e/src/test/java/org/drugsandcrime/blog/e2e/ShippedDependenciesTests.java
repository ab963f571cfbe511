package org.drugsandcrime.blog.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.e2e.Advisories.Advisory;
import org.drugsandcrime.blog.e2e.Advisories.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependency scanning without a network: the libraries the two app jars ship, from the jars themselves and from the
 * CycloneDX bill of materials the build writes into them, against the advisory list kept in the repository
 * ({@code security/advisories.csv}). A high or critical advisory whose range holds a shipped version fails
 * {@code ./mvnw verify}, unless {@code security/accepted.csv} says why it does not apply here.
 */
class ShippedDependenciesTests {

	private static final Path ADVISORIES = Path.of("..", "security", "advisories.csv");

	private static final Path ACCEPTED = Path.of("..", "security", "accepted.csv");

	@Test
	void theShippedAppsCarryNoLibraryWithAKnownHighOrCriticalAdvisory() throws IOException {
		Advisories advisories = Advisories.read(ADVISORIES);
		List<String> accepted = acceptedIds();
		List<String> findings = new ArrayList<>();
		List<String> acceptedFindings = new ArrayList<>();
		for (String app : new String[] { "blog-web", "blog-admin" }) {
			ShippedComponents shipped = ShippedComponents.of(jar(app));
			assertThat(shipped.libraryFiles()).as(app + " libraries").hasSizeGreaterThan(50);
			for (String problem : check(advisories, shipped.all(), accepted)) {
				(problem.startsWith("accepted ") ? acceptedFindings : findings).add(app + ": " + problem);
			}
		}
		acceptedFindings.forEach(finding -> System.out.println("dependency check: " + finding));
		assertThat(findings).as("shipped libraries with high or critical advisories (update them, or say in "
				+ ACCEPTED + " why the advisory does not apply)").isEmpty();
		// An acceptance that no longer matches anything is stale: it would hide the advisory's return.
		for (String id : accepted) {
			assertThat(acceptedFindings).as("accepted " + id + " still matches a shipped library")
				.anySatisfy(finding -> assertThat(finding).contains(id));
		}
	}

	@Test
	void whenTheBuildWroteABillOfMaterialsEveryShippedLibraryIsInIt() throws IOException {
		for (String app : new String[] { "blog-web", "blog-admin" }) {
			ShippedComponents shipped = ShippedComponents.of(jar(app));
			if (shipped.billOfMaterials().isEmpty()) {
				// cyclonedx-maven-plugin skips itself when Maven runs offline (-o); CI's build is online.
				System.out.println("dependency check: " + app + ".jar has no " + ShippedComponents.SBOM
						+ " (built offline); its libraries were checked by name");
				continue;
			}
			// By file: a library may carry others inside it (shaded, such as JCTools), which only its own jar names.
			// spring-boot-jarmode-tools is put in by Boot's repackaging, not a dependency; it is checked by name above.
			assertThat(shipped.libraryFiles()).as(app + " libraries missing from its bill of materials")
				.filteredOn(file -> !file.startsWith("spring-boot-jarmode-tools-"))
				.allSatisfy(file -> assertThat(shipped.billOfMaterials())
					.anySatisfy(listed -> assertThat(file).startsWith(listed.artifact() + "-" + listed.version())));
		}
	}

	@Test
	void aBillOfMaterialsWithAVulnerableVersionFailsTheCheck() throws IOException {
		String fabricated = """
				{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
				  {"type": "library", "group": "org.postgresql", "name": "postgresql", "version": "42.6.0",
				   "purl": "pkg:maven/org.postgresql/postgresql@42.6.0?type=jar"},
				  {"type": "library", "group": "org.yaml", "name": "snakeyaml", "version": "1.33",
				   "purl": "pkg:maven/org.yaml/snakeyaml@1.33?type=jar"},
				  {"type": "library", "group": "io.netty", "name": "netty-codec-http2", "version": "4.2.3.Final",
				   "purl": "pkg:maven/io.netty/netty-codec-http2@4.2.3.Final?type=jar"},
				  {"type": "library", "group": "org.postgresql", "name": "postgresql", "version": "42.7.2",
				   "purl": "pkg:maven/org.postgresql/postgresql@42.7.2?type=jar"}
				]}""";
		List<String> problems = check(Advisories.read(ADVISORIES), ShippedComponents.fromBillOfMaterials(fabricated),
				acceptedIds());
		assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("org.postgresql:postgresql:42.6.0").contains("CVE-2024-1597"))
			.anySatisfy(p -> assertThat(p).startsWith("org.yaml:snakeyaml:1.33").contains("CVE-2022-1471"))
			.anySatisfy(p -> assertThat(p).startsWith("io.netty:netty-codec-http2:4.2.3.Final").contains("CVE-2025-55163"))
			.noneSatisfy(p -> assertThat(p).startsWith("org.postgresql:postgresql:42.7.2"));
	}

	@Test
	void versionsAndRangesCompareAsMavenOrdersThem() {
		assertThat(Advisories.compare("42.7.11", "42.7.2")).isPositive();
		assertThat(Advisories.compare("4.2.0.Final", "4.2.0")).isZero();
		assertThat(Advisories.compare("4.2.0.Alpha1", "4.2.0.Final")).isNegative();
		assertThat(Advisories.compare("2.12.6.1", "2.12.6")).isPositive();
		assertThat(Advisories.compare("1.0.0-rc1", "1.0.0")).isNegative();
		assertThat(Advisories.compare("20240325.1", "20260101.1")).isNegative();
		Advisory netty = new Advisory("maven", "io.netty:netty-codec-http2", "<4.1.124.Final || >=4.2.0.Alpha1 <4.2.4.Final",
				"X", "high", "");
		assertThat(netty.affects("4.1.123.Final")).isTrue();
		assertThat(netty.affects("4.1.124.Final")).isFalse();
		assertThat(netty.affects("4.2.3.Final")).isTrue();
		assertThat(netty.affects("4.2.4.Final")).isFalse();
		assertThat(netty.affects("4.2.18.Final")).isFalse();
		assertThat(new Component(null, "netty-codec-http2", "4.2.3.Final").is("io.netty:netty-codec-http2")).isTrue();
		assertThat(new Component("other", "netty-codec-http2", "4.2.3.Final").is("io.netty:netty-codec-http2")).isFalse();
	}

	/** Each high or critical match as "component: advisory", those accepted prefixed with "accepted ". */
	private static List<String> check(Advisories advisories, Set<Component> components, List<String> accepted) {
		List<String> problems = new ArrayList<>();
		for (Component component : components) {
			for (Advisory advisory : advisories.matching(component)) {
				if (advisory.failing()) {
					problems.add((accepted.contains(advisory.id()) ? "accepted " : "") + component + ": " + advisory);
				}
			}
		}
		return problems;
	}

	private static List<String> acceptedIds() throws IOException {
		return Files.readAllLines(ACCEPTED, StandardCharsets.UTF_8)
			.stream()
			.filter(line -> !line.isBlank() && !line.startsWith("#"))
			.map(line -> line.split(",", 3)[0].strip())
			.toList();
	}

	private static Path jar(String app) {
		Path jar = Path.of(System.getProperty(app.replace('-', '.') + ".jar", "../" + app + "/target/" + app + ".jar"));
		assertThat(jar).as(app + " jar (run through ./mvnw verify, which packages the apps first)").isRegularFile();
		return jar;
	}
}
