package org.drugsandcrime.blog.wordpress.export;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicAddress.class)
class ExportConfiguration {
}
