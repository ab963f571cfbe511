/**
 * Reading WordPress eXtended RSS (WXR 1.0 to 1.2) as a stream of {@link org.drugsandcrime.blog.wordpress.wxr.WxrEntry}:
 * StAX with document type declarations and external entities off, one entry in memory at a time.
 */
package org.drugsandcrime.blog.wordpress.wxr;
