package org.drugsandcrime.blog.core.render;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The video players a post may embed, in one place: the sanitiser keeps an {@code <iframe>} only when its
 * address starts with one of these, and the public site's Content-Security-Policy lets frames load only from
 * their origins. Adding a host here opens both at once; forgetting one side cannot happen.
 */
public final class VideoPlayers {

	/** Where each host's player lives; an embed's address is one of these followed by the video's id. */
	static final List<String> PLAYERS = List.of("https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/",
			"https://player.vimeo.com/video/");

	/** An embed address the sanitiser keeps: a known player, then only the characters of ids and start times. */
	static final Pattern EMBED = Pattern.compile(PLAYERS.stream().map(Pattern::quote)
		.collect(Collectors.joining("|", "^(?:", ")[A-Za-z0-9_\\-?=&;.]+$")));

	private VideoPlayers() {
	}

	/** The origins frames may come from ({@code https://player.vimeo.com} ...), for a {@code frame-src} directive. */
	public static List<String> origins() {
		return PLAYERS.stream().map(URI::create).map(player -> player.getScheme() + "://" + player.getHost()).toList();
	}
}
