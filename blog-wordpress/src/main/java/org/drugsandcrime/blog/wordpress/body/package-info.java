/**
 * A WordPress post body as the blog keeps it: {@link org.drugsandcrime.blog.wordpress.body.WordPressBodies} turns
 * {@code content:encoded} into Markdown that {@code BodyRenderer} renders to what WordPress showed.
 */
package org.drugsandcrime.blog.wordpress.body;
