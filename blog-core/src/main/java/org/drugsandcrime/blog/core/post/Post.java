package org.drugsandcrime.blog.core.post;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A post as stored: the Markdown staff wrote and what was rendered from it at save time. Categories and
 * tags live in their own tables; the search vector is a generated column.
 */
@Table("posts")
public class Post {

	@Id
	private Long id;

	private String guid;

	private String slug;

	private String title;

	private String excerpt = "";

	private boolean customExcerpt;

	private String bodyMarkdown = "";

	private String bodyHtml = "";

	private String bodyText = "";

	private int readingMinutes = 1;

	private PostStatus status = PostStatus.DRAFT;

	private Instant publishedAt;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant announcedAt;

	private Long authorId;

	private Long seriesId;

	private Integer seriesPosition;

	private boolean featured;

	private String coverImage;

	private String seoDescription;

	private String tagNames = "";

	public Long getId() {
		return id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public String getGuid() {
		return guid;
	}

	public void setGuid(String guid) {
		this.guid = guid;
	}

	public String getSlug() {
		return slug;
	}

	public void setSlug(String slug) {
		this.slug = slug;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getExcerpt() {
		return excerpt;
	}

	public void setExcerpt(String excerpt) {
		this.excerpt = excerpt;
	}

	public boolean isCustomExcerpt() {
		return customExcerpt;
	}

	public void setCustomExcerpt(boolean customExcerpt) {
		this.customExcerpt = customExcerpt;
	}

	public String getBodyMarkdown() {
		return bodyMarkdown;
	}

	public void setBodyMarkdown(String bodyMarkdown) {
		this.bodyMarkdown = bodyMarkdown;
	}

	public String getBodyHtml() {
		return bodyHtml;
	}

	public void setBodyHtml(String bodyHtml) {
		this.bodyHtml = bodyHtml;
	}

	public String getBodyText() {
		return bodyText;
	}

	public void setBodyText(String bodyText) {
		this.bodyText = bodyText;
	}

	public int getReadingMinutes() {
		return readingMinutes;
	}

	public void setReadingMinutes(int readingMinutes) {
		this.readingMinutes = readingMinutes;
	}

	public PostStatus getStatus() {
		return status;
	}

	public void setStatus(PostStatus status) {
		this.status = status;
	}

	public Instant getPublishedAt() {
		return publishedAt;
	}

	public void setPublishedAt(Instant publishedAt) {
		this.publishedAt = publishedAt;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public void setUpdatedAt(Instant updatedAt) {
		this.updatedAt = updatedAt;
	}

	public Instant getAnnouncedAt() {
		return announcedAt;
	}

	public void setAnnouncedAt(Instant announcedAt) {
		this.announcedAt = announcedAt;
	}

	public Long getAuthorId() {
		return authorId;
	}

	public void setAuthorId(Long authorId) {
		this.authorId = authorId;
	}

	public Long getSeriesId() {
		return seriesId;
	}

	public void setSeriesId(Long seriesId) {
		this.seriesId = seriesId;
	}

	public Integer getSeriesPosition() {
		return seriesPosition;
	}

	public void setSeriesPosition(Integer seriesPosition) {
		this.seriesPosition = seriesPosition;
	}

	public boolean isFeatured() {
		return featured;
	}

	public void setFeatured(boolean featured) {
		this.featured = featured;
	}

	public String getCoverImage() {
		return coverImage;
	}

	public void setCoverImage(String coverImage) {
		this.coverImage = coverImage;
	}

	public String getSeoDescription() {
		return seoDescription;
	}

	public void setSeoDescription(String seoDescription) {
		this.seoDescription = seoDescription;
	}

	public String getTagNames() {
		return tagNames;
	}

	public void setTagNames(String tagNames) {
		this.tagNames = tagNames;
	}

	/** Whether readers can see the post at {@code now}; the same rule as {@link PublishedPosts#VISIBLE}. */
	public boolean isVisibleAt(Instant now) {
		return status != PostStatus.DRAFT && publishedAt != null && !publishedAt.isAfter(now);
	}
}
