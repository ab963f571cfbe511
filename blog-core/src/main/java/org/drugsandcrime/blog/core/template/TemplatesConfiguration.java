package org.drugsandcrime.blog.core.template;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.templateresolver.ITemplateResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pages render on the event loop, so nothing Thymeleaf reads may come from disk there: the templates are read
 * at startup, and the engine (which reads its own version file when first used) is started before the server
 * takes requests. With {@code spring.thymeleaf.cache=false}, for editing templates, Boot's own resolver reads
 * them afresh instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnResource(resources = "classpath:" + PreloadedTemplates.PREFIX)
@ConditionalOnProperty(name = "spring.thymeleaf.cache", havingValue = "true", matchIfMissing = true)
class TemplatesConfiguration {

	/** Named as Boot's resolver so that it takes that one's place. */
	@Bean
	ITemplateResolver defaultTemplateResolver() {
		return PreloadedTemplates.fromClassPath(TemplatesConfiguration.class.getClassLoader());
	}

	@Bean
	SmartInitializingSingleton templateEngineStarter(ObjectProvider<ITemplateEngine> engines) {
		return () -> engines.orderedStream().forEach(ITemplateEngine::getConfiguration);
	}
}
