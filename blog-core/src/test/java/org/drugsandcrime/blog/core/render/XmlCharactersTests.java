package org.drugsandcrime.blog.core.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XmlCharactersTests {

	@Test
	void charactersXmlCannotCarryAreDroppedAndTheRestKept() {
		assertThat(XmlCharacters.clean("a\u0000b\u0008c\uFFFEd\uD800e 🚔 \t\n")).isEqualTo("abcde 🚔 \t\n");
		assertThat(XmlCharacters.clean("العدالة ]]> & <")).isEqualTo("العدالة ]]> & <");
	}

	@Test
	void nothingIsCopiedWhenNothingIsDropped() {
		String text = "Payment by results, 2013";
		assertThat(XmlCharacters.clean(text)).isSameAs(text);
		assertThat(XmlCharacters.clean(null)).isEmpty();
	}
}
