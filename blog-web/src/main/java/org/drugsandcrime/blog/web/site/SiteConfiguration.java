package org.drugsandcrime.blog.web.site;

import java.time.Duration;

import org.drugsandcrime.blog.core.media.MediaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The files the site serves as they are: its stylesheet, and the media staff upload. Uploaded file names are
 * never reused, so browsers may keep them for long; the stylesheet changes with a release, so only for an hour.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicSiteProperties.class)
class SiteConfiguration implements WebFluxConfigurer {

	private final MediaProperties media;

	SiteConfiguration(MediaProperties media) {
		this.media = media;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/media/**")
			.addResourceLocations(media.dir().toUri().toString())
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(30)).cachePublic());
		registry.addResourceHandler("/assets/**")
			.addResourceLocations("classpath:/assets/")
			.setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
	}
}
