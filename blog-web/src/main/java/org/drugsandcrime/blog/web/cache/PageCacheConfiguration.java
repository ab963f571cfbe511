package org.drugsandcrime.blog.web.cache;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PageCacheProperties.class, RenderLimitProperties.class })
class PageCacheConfiguration {
}
