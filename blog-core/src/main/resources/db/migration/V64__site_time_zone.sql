-- The site's time zone, chosen by staff in the settings. NULL until then: the process's BLOG_TIME_ZONE
-- (Europe/London unless set) counts, so an operator's starting value holds until staff choose otherwise.
ALTER TABLE site_settings ADD COLUMN time_zone text;
