package org.drugsandcrime.blog.admin.wordpress;

import java.util.List;

/**
 * The WordPress screen: the upload form with its limit, the latest imports, and the export's download.
 *
 * @param exportHref the download of the whole site as WXR
 */
record WordPressScreen(List<ImportRunView.Row> recent, long maxMegabytes, String importHref, String exportHref) {
}
