package org.drugsandcrime.blog.core.settings;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface SiteSettingsRepository extends ReactiveCrudRepository<SiteSettings, Integer> {
}
