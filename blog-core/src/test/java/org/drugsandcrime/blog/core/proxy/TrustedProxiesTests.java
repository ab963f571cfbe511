package org.drugsandcrime.blog.core.proxy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTests {

	static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.5", 40000);

	@Test
	void withNoProxyConfiguredForwardedHeadersAreRemovedUnread() {
		ServerHttpRequest seen = new TrustedProxies(List.of()).apply(forwarded(new InetSocketAddress("127.0.0.1", 40000)));

		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(seen.getURI().getScheme()).isEqualTo("http");
		assertThat(seen.getURI().getHost()).isEqualTo("app.internal");
		assertThat(seen.getHeaders().headerNames()).noneMatch(name -> name.toLowerCase().contains("forwarded"));
	}

	@Test
	void aPeerOutsideTheTrustedRangesIsNotBelieved() {
		ServerHttpRequest seen = new TrustedProxies(List.of("10.0.0.0/8")).apply(forwarded(new InetSocketAddress("203.0.113.9", 40000)));

		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("203.0.113.9");
		assertThat(seen.getURI().getScheme()).isEqualTo("http");
		assertThat(seen.getHeaders().headerNames()).noneMatch(name -> name.toLowerCase().contains("forwarded"));
	}

	@Test
	void aTrustedProxyNamesTheClientTheSchemeAndTheHost() {
		ServerHttpRequest seen = new TrustedProxies(List.of("10.0.0.0/8")).apply(forwarded(PROXY));

		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("198.51.100.7");
		assertThat(seen.getURI().getScheme()).isEqualTo("https");
		assertThat(seen.getURI().getHost()).isEqualTo("blog.example.org");
		assertThat(seen.getURI().getPort()).isEqualTo(-1);
		assertThat(seen.getHeaders().headerNames()).noneMatch(name -> name.toLowerCase().contains("forwarded"));
	}

	@Test
	void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
		TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.0.2.1"));

		assertThat(client(proxies, "6.6.6.6, 198.51.100.7, 10.0.0.9, 192.0.2.1")).isEqualTo("198.51.100.7");
		assertThat(client(proxies, "6.6.6.6", "198.51.100.7")).as("several header lines are one list").isEqualTo("198.51.100.7");
		assertThat(client(proxies, "10.1.1.1, 10.2.2.2")).as("nothing but proxies: the farthest").isEqualTo("10.1.1.1");
		assertThat(client(proxies, "2001:db8::7, 10.0.0.9")).isEqualTo("2001:db8:0:0:0:0:0:7");
		assertThat(client(proxies, "198.51.100.7:5123")).isEqualTo("198.51.100.7");
	}

	@Test
	void namesAndGarbageInTheChainAreNeverLookedUpAndLeaveTheProxyAsTheClient() {
		TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8"));

		assertThat(client(proxies, "localhost")).isEqualTo("10.0.0.5");
		assertThat(client(proxies, "198.51.100.7, unknown")).isEqualTo("10.0.0.5");
		assertThat(client(proxies, "999.1.1.1")).isEqualTo("10.0.0.5");
		assertThat(client(proxies, "")).isEqualTo("10.0.0.5");
	}

	@Test
	void theStandardForwardedHeaderIsReadWhenTheProxySendsOnlyThat() {
		ServerHttpRequest request = MockServerHttpRequest.get("http://app.internal:8081/login").remoteAddress(PROXY)
			.header("Forwarded", "for=6.6.6.6;proto=http, for=\"[2001:db8:cafe::17]:4711\";proto=https;host=blog.example.org")
			.build();

		ServerHttpRequest seen = new TrustedProxies(List.of("10.0.0.0/8")).apply(request);

		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("2001:db8:cafe:0:0:0:0:17");
	}

	@Test
	void aForwardedHeaderBesideTheProxysXForwardedHeadersIsTheClientsOwnAndIgnored() {
		ServerHttpRequest request = MockServerHttpRequest.get("http://app.internal:8081/login").remoteAddress(PROXY)
			.header("Forwarded", "for=6.6.6.6;proto=https;host=evil.example")
			.header("X-Forwarded-For", "198.51.100.7")
			.header("X-Forwarded-Proto", "http")
			.build();

		ServerHttpRequest seen = new TrustedProxies(List.of("10.0.0.0/8")).apply(request);

		assertThat(seen.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("198.51.100.7");
		assertThat(seen.getURI().getScheme()).isEqualTo("http");
		assertThat(seen.getURI().getHost()).isEqualTo("app.internal");
	}

	@Test
	void aPathPrefixIsNeverTakenFromTheHeaders() {
		ServerHttpRequest request = MockServerHttpRequest.get("http://app.internal:8081/login").remoteAddress(PROXY)
			.header("X-Forwarded-Prefix", "/elsewhere")
			.build();

		ServerHttpRequest seen = new TrustedProxies(List.of("10.0.0.0/8")).apply(request);

		assertThat(seen.getPath().value()).isEqualTo("/login");
		assertThat(seen.getPath().contextPath().value()).isEmpty();
	}

	@Test
	void rangesMatchByTheirPrefixInBothFamilies() {
		assertThat(AddressRange.parse("10.0.0.0/8").contains(IpLiteral.parse("10.255.1.2").orElseThrow())).isTrue();
		assertThat(AddressRange.parse("10.0.0.0/8").contains(IpLiteral.parse("11.0.0.1").orElseThrow())).isFalse();
		assertThat(AddressRange.parse("192.168.4.0/22").contains(IpLiteral.parse("192.168.7.255").orElseThrow())).isTrue();
		assertThat(AddressRange.parse("192.168.4.0/22").contains(IpLiteral.parse("192.168.8.0").orElseThrow())).isFalse();
		assertThat(AddressRange.parse("127.0.0.1").contains(IpLiteral.parse("127.0.0.2").orElseThrow())).isFalse();
		assertThat(AddressRange.parse("2001:db8::/32").contains(IpLiteral.parse("2001:db8:ffff::1").orElseThrow())).isTrue();
		assertThat(AddressRange.parse("2001:db8::/32").contains(IpLiteral.parse("2001:db9::1").orElseThrow())).isFalse();
		assertThat(AddressRange.parse("::1").contains(IpLiteral.parse("127.0.0.1").orElseThrow())).isFalse();
		assertThat(AddressRange.parse("0.0.0.0/0").contains(IpLiteral.parse("203.0.113.1").orElseThrow())).isTrue();
	}

	@Test
	void aSettingThatIsNotAnAddressOrRangeStopsTheApp() {
		for (String wrong : List.of("proxy.example", "10.0.0.0/33", "10.0.0", "10.0.0.0/", "::1/129", "fe80::1%eth0")) {
			assertThatIllegalArgumentException().as(wrong).isThrownBy(() -> new TrustedProxies(List.of(wrong)))
				.withMessageContaining("BLOG_TRUSTED_PROXIES").withMessageContaining(wrong);
		}
	}

	private static MockServerHttpRequest forwarded(InetSocketAddress peer) {
		return MockServerHttpRequest.get("http://app.internal:8081/login").remoteAddress(peer)
			.header("X-Forwarded-For", "198.51.100.7")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "blog.example.org")
			.header("X-Forwarded-Port", "443")
			.header("Forwarded", "for=6.6.6.6")
			.header("X-Forwarded-Ssl", "on")
			.build();
	}

	private static String client(TrustedProxies proxies, String... forwardedFor) {
		ServerHttpRequest request = MockServerHttpRequest.get("http://app.internal:8081/").remoteAddress(PROXY)
			.header("X-Forwarded-For", forwardedFor)
			.build();
		return proxies.apply(request).getRemoteAddress().getAddress().getHostAddress();
	}
}
