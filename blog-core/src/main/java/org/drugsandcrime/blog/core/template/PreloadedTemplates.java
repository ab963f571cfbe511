package org.drugsandcrime.blog.core.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The apps' page templates, read from the class path once at startup. Thymeleaf otherwise reads a template's
 * file the first time a page needs it, which is a blocking read on the event loop serving that request.
 */
final class PreloadedTemplates extends AbstractConfigurableTemplateResolver {

	static final String PREFIX = "templates/";

	private final Map<String, String> sources;

	private PreloadedTemplates(Map<String, String> sources) {
		this.sources = sources;
		setPrefix(PREFIX);
		setSuffix(".html");
		setTemplateMode(TemplateMode.HTML);
		setCharacterEncoding(StandardCharsets.UTF_8.name());
		setCacheable(true);
		// Without this a missing template would resolve and fail later with a less helpful message.
		setCheckExistence(true);
	}

	/** Every {@code templates/**}{@code /*.html} on the class path; the first of two with one name wins, as in a class loader. */
	static PreloadedTemplates fromClassPath(ClassLoader classLoader) {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
		Map<String, String> sources = new LinkedHashMap<>();
		try {
			for (Resource root : resolver.getResources("classpath*:" + PREFIX)) {
				String base = root.getURL().toString();
				for (Resource file : resolver.getResources(base + "**/*.html")) {
					String name = PREFIX + file.getURL().toString().substring(base.length());
					if (!sources.containsKey(name)) {
						try (InputStream in = file.getInputStream()) {
							sources.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the page templates", ex);
		}
		return new PreloadedTemplates(Map.copyOf(sources));
	}

	@Override
	protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
			String template, String resourceName, String characterEncoding, Map<String, Object> attributes) {
		return new Source(resourceName);
	}

	private final class Source implements ITemplateResource {

		private final String name;

		Source(String name) {
			this.name = name;
		}

		@Override
		public String getDescription() {
			return "classpath:" + name;
		}

		@Override
		public String getBaseName() {
			String file = name.substring(name.lastIndexOf('/') + 1);
			int dot = file.lastIndexOf('.');
			return dot < 0 ? file : file.substring(0, dot);
		}

		@Override
		public boolean exists() {
			return sources.containsKey(name);
		}

		@Override
		public Reader reader() throws IOException {
			String source = sources.get(name);
			if (source == null) {
				throw new java.io.FileNotFoundException(getDescription());
			}
			return new StringReader(source);
		}

		@Override
		public ITemplateResource relative(String location) {
			return new Source(name.substring(0, name.lastIndexOf('/') + 1) + location);
		}
	}
}
