/**
 * Test builders shared with the other modules' tests through blog-core's test-jar. Only this package is
 * in that jar: a test application class in it would be picked up by the next module's component scan.
 */
package org.drugsandcrime.blog.core.testing;
