package org.drugsandcrime.blog.core.page;

public enum PageStatus {

	DRAFT, PUBLISHED
}
