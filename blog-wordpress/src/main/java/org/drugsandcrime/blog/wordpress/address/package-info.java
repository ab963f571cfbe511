/**
 * Which old addresses each imported thing had on WordPress ({@link org.drugsandcrime.blog.wordpress.address.OldAddresses},
 * pure functions of the export's own fields and links) and keeping them as redirects in the import's transaction
 * ({@link org.drugsandcrime.blog.wordpress.address.ImportedRedirects}). The public site answers them with one 301.
 */
package org.drugsandcrime.blog.wordpress.address;
