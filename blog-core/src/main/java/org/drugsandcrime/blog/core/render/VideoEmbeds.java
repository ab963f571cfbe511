package org.drugsandcrime.blog.core.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.Document;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * A YouTube or Vimeo address alone on a line of a top-level paragraph becomes the player, as in WordPress
 * and Ghost. The player is written as the same {@code <iframe>} staff would write by hand, so it passes the
 * same sanitiser and nothing new is allowed through: an address that is not a recognisable video stays a
 * link. Lines inside code, quotes and lists, and links with their own text, are left alone.
 */
final class VideoEmbeds implements PostProcessor {

	private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{11}");

	private static final Pattern VIMEO_ID = Pattern.compile("[0-9]{1,12}");

	private static final Pattern VIMEO_HASH = Pattern.compile("[0-9a-f]{6,20}");

	/** YouTube's start times: {@code 90}, {@code 90s} or {@code 1h2m3s}. */
	private static final Pattern START = Pattern.compile("(?:(\\d{1,2})h)?(?:(\\d{1,4})m)?(?:(\\d{1,6})s?)?");

	@Override
	public Node process(Node document) {
		List<Paragraph> paragraphs = new ArrayList<>();
		for (Node child = document.getFirstChild(); child != null; child = child.getNext()) {
			if (child instanceof Paragraph paragraph && document instanceof Document) {
				paragraphs.add(paragraph);
			}
		}
		paragraphs.forEach(VideoEmbeds::embedVideoLines);
		return document;
	}

	private static void embedVideoLines(Paragraph paragraph) {
		List<List<Node>> lines = lines(paragraph);
		List<Optional<String>> players = lines.stream().map(VideoEmbeds::player).toList();
		if (players.stream().noneMatch(Optional::isPresent)) {
			return;
		}
		Paragraph text = null;
		for (int i = 0; i < lines.size(); i++) {
			if (players.get(i).isPresent()) {
				HtmlBlock embed = new HtmlBlock();
				embed.setLiteral(players.get(i).get() + "\n");
				paragraph.insertBefore(embed);
				text = null;
				continue;
			}
			if (text == null) {
				text = new Paragraph();
				paragraph.insertBefore(text);
			}
			else {
				text.appendChild(new SoftLineBreak());
			}
			for (Node node : lines.get(i)) {
				text.appendChild(node);
			}
		}
		paragraph.unlink();
	}

	/** The paragraph's inline nodes, split at its line breaks (which are dropped). */
	private static List<List<Node>> lines(Paragraph paragraph) {
		List<List<Node>> lines = new ArrayList<>();
		List<Node> line = new ArrayList<>();
		for (Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
			if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
				lines.add(line);
				line = new ArrayList<>();
			}
			else {
				line.add(child);
			}
		}
		lines.add(line);
		return lines;
	}

	/** The player for a line that holds one video address and nothing else. */
	private static Optional<String> player(List<Node> line) {
		List<Node> content = line.stream().filter(node -> !(node instanceof Text text && text.getLiteral().isBlank())).toList();
		if (content.size() != 1) {
			return Optional.empty();
		}
		String address;
		if (content.get(0) instanceof Link link && link.getFirstChild() instanceof Text label
				&& label.getNext() == null && addressesMatch(label.getLiteral(), link.getDestination())) {
			address = link.getDestination();
		}
		else if (content.get(0) instanceof Text text) {
			address = text.getLiteral();
		}
		else {
			return Optional.empty();
		}
		return player(address.strip());
	}

	/** An autolink's text is the address itself (with or without the scheme the extension adds). */
	private static boolean addressesMatch(String label, String destination) {
		return destination.equals(label) || destination.equals("http://" + label) || destination.equals("https://" + label);
	}

	/** The player for a YouTube or Vimeo address, or empty when the address is anything else. */
	static Optional<String> player(String address) {
		URI uri;
		try {
			uri = new URI(address.matches("(?i)^https?://.*") ? address : "https://" + address);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
		String path = uri.getRawPath() == null ? "" : uri.getRawPath();
		if (!scheme.equals("https") && !scheme.equals("http") || uri.getRawUserInfo() != null || uri.getPort() != -1) {
			return Optional.empty();
		}
		return switch (host) {
			case "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com" -> youtubeId(path, uri.getRawQuery())
				.map(id -> youtube(id, uri.getRawQuery()));
			case "youtu.be" -> single(path, "/").filter(id -> YOUTUBE_ID.matcher(id).matches())
				.map(id -> youtube(id, uri.getRawQuery()));
			case "vimeo.com", "www.vimeo.com" -> vimeo(path);
			default -> Optional.empty();
		};
	}

	private static Optional<String> youtubeId(String path, String query) {
		Optional<String> id = path.equals("/watch") ? parameter(query, "v")
				: single(path, "/shorts/").or(() -> single(path, "/embed/")).or(() -> single(path, "/live/"));
		return id.filter(candidate -> YOUTUBE_ID.matcher(candidate).matches());
	}

	private static String youtube(String id, String query) {
		String start = parameter(query, "t").or(() -> parameter(query, "start")).flatMap(VideoEmbeds::seconds)
			.map(seconds -> "?start=" + seconds)
			.orElse("");
		return iframe("https://www.youtube-nocookie.com/embed/" + id + start, "YouTube video");
	}

	private static Optional<String> vimeo(String path) {
		String[] parts = path.length() > 1 ? path.substring(1).split("/", -1) : new String[0];
		if (parts.length == 1 && VIMEO_ID.matcher(parts[0]).matches()) {
			return Optional.of(iframe("https://player.vimeo.com/video/" + parts[0], "Vimeo video"));
		}
		// An unlisted video's address carries its privacy hash as a second segment.
		if (parts.length == 2 && VIMEO_ID.matcher(parts[0]).matches() && VIMEO_HASH.matcher(parts[1]).matches()) {
			return Optional.of(iframe("https://player.vimeo.com/video/" + parts[0] + "?h=" + parts[1], "Vimeo video"));
		}
		return Optional.empty();
	}

	private static String iframe(String source, String title) {
		return "<iframe src=\"" + source + "\" title=\"" + title
				+ "\" width=\"560\" height=\"315\" loading=\"lazy\" allowfullscreen></iframe>";
	}

	/** The one path segment after {@code prefix}, allowing a trailing slash. */
	private static Optional<String> single(String path, String prefix) {
		if (!path.startsWith(prefix)) {
			return Optional.empty();
		}
		String rest = path.substring(prefix.length());
		if (rest.endsWith("/")) {
			rest = rest.substring(0, rest.length() - 1);
		}
		return rest.isEmpty() || rest.contains("/") ? Optional.empty() : Optional.of(rest);
	}

	private static Optional<String> parameter(String query, String name) {
		if (query == null) {
			return Optional.empty();
		}
		for (String pair : query.split("[&;]")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).equals(name)) {
				return Optional.of(pair.substring(equals + 1));
			}
		}
		return Optional.empty();
	}

	private static Optional<Integer> seconds(String value) {
		Matcher matcher = START.matcher(value);
		if (value.isEmpty() || !matcher.matches()) {
			return Optional.empty();
		}
		int hours = matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
		int minutes = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
		int seconds = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
		int total = hours * 3600 + minutes * 60 + seconds;
		return total > 0 ? Optional.of(total) : Optional.empty();
	}
}
