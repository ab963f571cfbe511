package org.drugsandcrime.blog.wordpress.importing;

/**
 * How far a run is.
 *
 * @param bytesRead how much of the file has been read
 * @param totalBytes the file's size
 * @param itemsDone entries written (authors, terms and items; an item's comments count with it)
 * @param stage in words, for people: "Reading the file", "Posts and comments", "Featured images", "Done"
 */
public record ImportProgress(long bytesRead, long totalBytes, long itemsDone, String stage) {

	/** Read as a whole percentage of the file, 0 to 100. */
	public int percent() {
		if (totalBytes <= 0) {
			return 0;
		}
		return (int) Math.min(100, bytesRead * 100 / totalBytes);
	}
}
