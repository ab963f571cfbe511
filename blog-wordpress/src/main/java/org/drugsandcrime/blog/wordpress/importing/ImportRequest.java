package org.drugsandcrime.blog.wordpress.importing;

import java.nio.file.Path;

/**
 * What to import.
 *
 * @param wxrFile the export, already on this machine's disk (the portal stores the upload first)
 * @param fileName the name staff know the file by, for the list of runs
 * @param uploads WordPress's {@code wp-content/uploads} as a folder or a .zip of it, or null: images are then kept
 *        at their old addresses and listed in the report
 * @param startedBy the member of staff who asked, or null (the command line)
 */
public record ImportRequest(Path wxrFile, String fileName, Path uploads, Long startedBy) {

	public ImportRequest {
		if (wxrFile == null) {
			throw new IllegalArgumentException("An import needs a file");
		}
		if (fileName == null || fileName.isBlank()) {
			fileName = wxrFile.getFileName().toString();
		}
	}
}
