package org.drugsandcrime.blog.wordpress.body;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.drugsandcrime.blog.wordpress.wxr.WxrEntry;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AutopTests {

	/** Pieces WordPress bodies are made of, the awkward ones included. */
	private static final List<String> PIECES = List.of("Text", "a < b", " ", "  ", "\t", "\n", "\n\n", "\n \n", "\r\n",
			"<br />", "<br>", "<br/>", "<p>", "</p>", "<p class=\"x\">", "<div>", "</div>", "<blockquote>",
			"</blockquote>", "<BLOCKQUOTE cite=\"x\">", "<ul>", "<li>", "</li>", "</ul>", "<hr />", "<hr>", "<pre>",
			"</pre>", "<em>", "</em>", "<a\nhref=\"x\">", "</a>", "<!--more-->", "<!-- a\nb -->", "<script>x\ny</script>",
			"<option>o</option>", "<object><param name=\"a\">\n<embed src=\"x\"></object>", "<video>\n<source src=\"v\">\n</video>",
			"<figure>", "<figcaption>c</figcaption>", "</figure>", "<h2>", "</h2>", "<table>", "<tr>", "<td>", "</td>",
			"<param>", "<link>", "[caption width=\"1\"]", "[/caption]", "<img src=\"x\" />", "https://vimeo.com/1",
			"<address>", "</address>", "<form>", "</form>");

	@Test
	void everySampleBodyComesOutAsWordPressWouldMakeIt() throws IOException {
		for (String body : sampleBodies()) {
			assertThat(Autop.autop(body)).isEqualTo(ReferenceAutop.autop(body));
		}
	}

	@Test
	void awkwardBodiesComeOutAsWordPressWouldMakeThem() {
		Random random = new Random(13);
		for (int i = 0; i < 5_000; i++) {
			StringBuilder body = new StringBuilder();
			int pieces = 1 + random.nextInt(30);
			for (int k = 0; k < pieces; k++) {
				body.append(PIECES.get(random.nextInt(PIECES.size())));
			}
			String text = body.toString();
			assertThat(Autop.autop(text)).as(text).isEqualTo(ReferenceAutop.autop(text));
		}
	}

	private static List<String> sampleBodies() throws IOException {
		List<String> bodies = new ArrayList<>();
		try (InputStream in = AutopTests.class.getResourceAsStream("/wordpress/sample-50.wxr");
				WxrReader reader = WxrReader.open(new ByteArrayInputStream(in.readAllBytes()))) {
			for (WxrEntry entry = reader.next(); entry != null; entry = reader.next()) {
				if (entry instanceof WxrItem item) {
					bodies.add(item.content());
				}
			}
		}
		return bodies;
	}
}
