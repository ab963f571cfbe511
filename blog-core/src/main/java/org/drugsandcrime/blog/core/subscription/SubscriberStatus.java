package org.drugsandcrime.blog.core.subscription;

public enum SubscriberStatus {

	PENDING, CONFIRMED, UNSUBSCRIBED
}
