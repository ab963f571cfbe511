package org.drugsandcrime.blog.feed.syndication;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How RSS text elements read to a reader that shows them as text and to one that renders them as HTML. */
class RssTextTests {

	static final List<String> HOSTILE = List.of("<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
			"\"><svg onload=alert(1)>", "]]><img src=x onerror=alert(2)>", "<![CDATA[<b>x</b>]]>", "<!-- c --> <?pi?>",
			"</title><script>x</script>", "&lt;script&gt;", "Tom &amp; Jerry &amp;amp; &copy; &#60;b&#62; &#x3C;i&#x3E;",
			"AT&T &T &THORN &", "<", "a<", "&", "<<b>>");

	@Test
	void titlesWithoutMarkupReadTheSameAsPlainTextAndAsHtml() {
		for (String title : List.of("Drugs & Crime", "5 < 6 > 4", "Fish & <3 chips", "Bail – 20% & rising",
				"“Quoted” 'single' ]]> 🚔 العدالة الجنائية \u202Egnp.exe")) {
			assertThat(RssText.text(title)).as("plain reading").isEqualTo(title);
			assertThat(htmlReading(RssText.text(title))).as("HTML reading").isEqualTo(title);
		}
	}

	@Test
	void markupInATitleReadsAsTheTextItWasToAnHtmlReaderAndNeverAsMarkup() {
		for (String title : HOSTILE) {
			Element body = Jsoup.parseBodyFragment(RssText.text(title)).body();
			assertThat(body.children()).as(title).isEmpty();
			assertThat(body.childNodes()).as(title).allMatch(node -> node instanceof org.jsoup.nodes.TextNode);
			assertThat(body.wholeText()).as(title).isEqualTo(title);
		}
		assertThat(RssText.text("<img src=x onerror=alert(1)>")).isEqualTo("&lt;img src=x onerror=alert(1)>");
		assertThat(RssText.text("AT&T & more")).isEqualTo("AT&amp;T & more");
	}

	@Test
	void aDescriptionIsTheTextEscapedWholeAsHtml() {
		for (String text : HOSTILE) {
			Element body = Jsoup.parseBodyFragment(RssText.html(text)).body();
			assertThat(body.children()).as(text).isEmpty();
			assertThat(body.wholeText()).as(text).isEqualTo(text);
		}
		assertThat(RssText.html("Fish & <chips> \"é\"")).isEqualTo("Fish &amp; &lt;chips&gt; &quot;é&quot;");
	}

	private static String htmlReading(String value) {
		return Jsoup.parseBodyFragment(value).body().wholeText();
	}
}
