package org.drugsandcrime.blog.wordpress.importing;

/** A run is RUNNING until it ends FINISHED (report complete) or FAILED (with a failure for staff). */
public enum ImportState {

	RUNNING, FINISHED, FAILED
}
