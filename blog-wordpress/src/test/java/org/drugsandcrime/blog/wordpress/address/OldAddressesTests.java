package org.drugsandcrime.blog.wordpress.address;

import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.drugsandcrime.blog.wordpress.wxr.WxrAuthor;
import org.drugsandcrime.blog.wordpress.wxr.WxrCategory;
import org.drugsandcrime.blog.wordpress.wxr.WxrItem;
import org.drugsandcrime.blog.wordpress.wxr.WxrSite;
import org.drugsandcrime.blog.wordpress.wxr.WxrTag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OldAddressesTests {

	static final WxrSite ROOT = site("https://probation.example.org");

	static final WxrSite SUB_FOLDER = site("https://example.org/blog/");

	@Test
	void aPostKeepsTheAddressItsLinkNamesWhateverThePermalinkStructure() {
		WxrItem post = item(41, "post", "https://probation.example.org/news/2013/crossing-the-rubicon.html",
				"crossing-the-rubicon", "2013-05-31 23:30:00");
		Map<String, OldAddress> addresses = byFrom(OldAddresses.ofPost(ROOT, post, "/posts/crossing-the-rubicon"));
		assertThat(addresses.get("/news/2013/crossing-the-rubicon.html"))
			.isEqualTo(new OldAddress("/news/2013/crossing-the-rubicon.html", "/posts/crossing-the-rubicon", false));
		assertThat(addresses.get("/news/2013/crossing-the-rubicon.html/feed/").to())
			.isEqualTo("/posts/crossing-the-rubicon/comments/feed");
		assertThat(addresses.get("/?p=41")).isEqualTo(new OldAddress("/?p=41", "/posts/crossing-the-rubicon", false));
		assertThat(addresses.get("/?p=41&feed=rss2").to()).isEqualTo("/posts/crossing-the-rubicon/comments/feed");
	}

	@Test
	void theOtherStandardPostShapesAreGuessesFromTheLocalDate() {
		WxrItem post = item(41, "post", "https://probation.example.org/2013/05/crossing-the-rubicon/",
				"crossing-the-rubicon", "2013-05-31 23:30:00");
		Map<String, OldAddress> addresses = byFrom(OldAddresses.ofPost(ROOT, post, "/posts/crossing-the-rubicon"));
		assertThat(addresses.get("/2013/05/crossing-the-rubicon/").guessed()).isFalse();
		assertThat(addresses.get("/2013/05/31/crossing-the-rubicon/")).isEqualTo(
				new OldAddress("/2013/05/31/crossing-the-rubicon/", "/posts/crossing-the-rubicon", true));
		assertThat(addresses.get("/crossing-the-rubicon/").guessed()).isTrue();
		assertThat(addresses.get("/archives/41").guessed()).isTrue();
		assertThat(addresses.values()).allSatisfy(address -> assertThat(address.from()).startsWith("/"));
	}

	@Test
	void aDraftThatNeverHadANameOrDateHasOnlyItsId() {
		WxrItem draft = item(77, "post", "https://probation.example.org/?p=77", "", "0000-00-00 00:00:00");
		assertThat(OldAddresses.ofPost(ROOT, draft, "/posts/untitled")).extracting(OldAddress::from)
			.containsExactlyInAnyOrder("/?p=77", "/?p=77&feed=rss2");
	}

	@Test
	void aNonAsciiSlugIsStoredAsTheLettersBrowsersAndWordPressEncodeDifferently() {
		WxrItem post = item(9, "post", "https://probation.example.org/2013/05/caf%c3%a9-society/", "caf%c3%a9-society",
				"2013-05-02 10:00:00");
		assertThat(byFrom(OldAddresses.ofPost(ROOT, post, "/posts/cafe-society")))
			.containsKeys("/2013/05/café-society/", "/2013/05/02/café-society/", "/café-society/");
	}

	@Test
	void aSubFolderSiteKeepsItsFolderInEveryAddress() {
		WxrItem post = item(41, "post", "https://example.org/blog/2013/05/crossing-the-rubicon/",
				"crossing-the-rubicon", "2013-05-31 23:30:00");
		List<OldAddress> all = new java.util.ArrayList<>(OldAddresses.ofPost(SUB_FOLDER, post, "/posts/x"));
		all.addAll(OldAddresses.ofSite(SUB_FOLDER));
		all.addAll(OldAddresses.ofMonth(SUB_FOLDER, YearMonth.of(2013, 5)));
		all.addAll(OldAddresses.ofTag(SUB_FOLDER, new WxrTag(6, "commissioning", "commissioning", ""), "/tag/commissioning"));
		assertThat(all).extracting(OldAddress::from).allSatisfy(from -> assertThat(from).startsWith("/blog/"));
		Map<String, OldAddress> addresses = byFrom(all);
		assertThat(addresses).containsKeys("/blog/2013/05/crossing-the-rubicon/", "/blog/?p=41", "/blog/feed/",
				"/blog/2013/05/", "/blog/?m=201305", "/blog/tag/commissioning/", "/blog/?tag=commissioning");
		assertThat(addresses.get("/blog/").to()).isEqualTo("/");
	}

	@Test
	void aPageIsItsLinkItsPageIdAndItsId() {
		WxrItem page = item(9, "page", "https://probation.example.org/about/team/", "team", "2012-01-01 00:00:00");
		Map<String, OldAddress> addresses = byFrom(OldAddresses.ofPage(ROOT, page, "/pages/team"));
		assertThat(addresses.get("/about/team/")).isEqualTo(new OldAddress("/about/team/", "/pages/team", false));
		assertThat(addresses.get("/?page_id=9").to()).isEqualTo("/pages/team");
		assertThat(addresses.get("/?p=9").to()).isEqualTo("/pages/team");
		assertThat(addresses.get("/team/").guessed()).isTrue();
	}

	@Test
	void anAttachmentPageIsItsLinkAndItsAttachmentId() {
		WxrItem attached = item(5, "attachment", "https://probation.example.org/2013/05/crossing-the-rubicon/rubicon-map/",
				"rubicon-map", "2013-05-31 23:30:00");
		assertThat(byFrom(OldAddresses.ofAttachment(ROOT, attached, "/posts/crossing-the-rubicon")))
			.containsOnlyKeys("/2013/05/crossing-the-rubicon/rubicon-map/", "/?attachment_id=5", "/?p=5");
		WxrItem loose = item(6, "attachment", "https://probation.example.org/?attachment_id=6", "map", "2013-05-31 23:30:00");
		assertThat(byFrom(OldAddresses.ofAttachment(ROOT, loose, "/media/map.png")))
			.containsOnlyKeys("/?attachment_id=6", "/?p=6");
	}

	@Test
	void aChildCategoryIsItsFullPathAndItsOwnNameAsAGuess() {
		WxrCategory child = new WxrCategory(12, "pilots", "payment-by-results", "Pilots", "");
		Map<String, OldAddress> addresses = byFrom(
				OldAddresses.ofCategory(ROOT, child, "payment-by-results/pilots", "/category/pilots"));
		assertThat(addresses.get("/category/payment-by-results/pilots/"))
			.isEqualTo(new OldAddress("/category/payment-by-results/pilots/", "/category/pilots", false));
		assertThat(addresses.get("/category/payment-by-results/pilots/feed/").to()).isEqualTo("/category/pilots/feed");
		assertThat(addresses.get("/category/pilots/").guessed()).isTrue();
		assertThat(addresses.get("/category/pilots/feed/").to()).isEqualTo("/category/pilots/feed");
		assertThat(addresses.get("/?cat=12").to()).isEqualTo("/category/pilots");
		assertThat(addresses.get("/?cat=12&feed=rss2").to()).isEqualTo("/category/pilots/feed");
	}

	@Test
	void aTagAndAnAuthorAreTheirArchiveTheirFeedAndTheirQuery() {
		Map<String, OldAddress> tag = byFrom(
				OldAddresses.ofTag(ROOT, new WxrTag(7, "crcs", "CRCs", ""), "/tag/crcs"));
		assertThat(tag.get("/tag/crcs/").to()).isEqualTo("/tag/crcs");
		assertThat(tag.get("/tag/crcs/feed/").to()).isEqualTo("/tag/crcs/feed");
		assertThat(tag.get("/?tag=crcs").to()).isEqualTo("/tag/crcs");
		Map<String, OldAddress> author = byFrom(OldAddresses.ofAuthor(ROOT,
				new WxrAuthor(2, "Sarah.Clarke@Example", "s@example.org", "Sarah Clarke", "Sarah", "Clarke"),
				"/author/sarah-clarke"));
		assertThat(author.get("/author/sarah-clarkeexample/").to()).isEqualTo("/author/sarah-clarke");
		assertThat(author.get("/author/sarah-clarkeexample/feed/").to()).isEqualTo("/author/sarah-clarke/feed");
		assertThat(author.get("/?author=2").to()).isEqualTo("/author/sarah-clarke");
	}

	@Test
	void dateArchivesGoToTheArchivePages() {
		assertThat(byFrom(OldAddresses.ofMonth(ROOT, YearMonth.of(2013, 5))).values()).containsExactlyInAnyOrder(
				new OldAddress("/2013/05/", "/archive/2013/05"), new OldAddress("/?m=201305", "/archive/2013/05"));
		assertThat(byFrom(OldAddresses.ofYear(ROOT, Year.of(2013))).values()).containsExactlyInAnyOrder(
				new OldAddress("/2013/", "/archive/2013"), new OldAddress("/?m=2013", "/archive/2013"));
		assertThat(OldAddresses.monthOf(item(1, "post", "", "x", "2013-05-31 23:30:00"))).isEqualTo(YearMonth.of(2013, 5));
		assertThat(OldAddresses.monthOf(item(1, "post", "", "x", "0000-00-00 00:00:00"))).isNull();
		assertThat(OldAddresses.monthOf(item(1, "post", "", "x", "2013-02-31 00:00:00"))).isNull();
	}

	@Test
	void theSiteFeedsGoToTheNewFeeds() {
		Map<String, OldAddress> site = byFrom(OldAddresses.ofSite(ROOT));
		assertThat(site.get("/feed/").to()).isEqualTo("/feed");
		assertThat(site.get("/feed/rss2/").to()).isEqualTo("/feed");
		assertThat(site.get("/feed/atom/").to()).isEqualTo("/feed/atom");
		assertThat(site.get("/?feed=rss2").to()).isEqualTo("/feed");
		assertThat(site.get("/comments/feed/").to()).isEqualTo("/comments/feed");
		assertThat(site).doesNotContainKey("/");
	}

	@Test
	void aLinkToTheHomePageOrAnotherSiteNamesNoPage() {
		WxrItem homeLink = item(3, "post", "https://probation.example.org/", "", "2013-05-31 23:30:00");
		assertThat(OldAddresses.ofPost(ROOT, homeLink, "/posts/x")).extracting(OldAddress::from)
			.containsExactlyInAnyOrder("/?p=3", "/?p=3&feed=rss2");
		assertThatThrownBy(() -> OldAddresses.ofPost(ROOT, homeLink, "https://evil.example/"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> OldAddresses.ofPost(ROOT, homeLink, "//evil.example/"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	static WxrSite site(String baseBlogUrl) {
		return new WxrSite("On Probation", baseBlogUrl, "", "en-US", "1.2", baseBlogUrl, baseBlogUrl);
	}

	static WxrItem item(long id, String type, String link, String name, String postDate) {
		return new WxrItem(id, type, "A title", link, link, "sclarke", "", "", postDate, postDate,
				postDate, name, "publish", 0, 0, false, "", "open", "", List.of(), List.of(), List.of());
	}

	static Map<String, OldAddress> byFrom(List<OldAddress> addresses) {
		return addresses.stream().collect(Collectors.toMap(OldAddress::from, address -> address));
	}
}
