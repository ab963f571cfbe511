package org.drugsandcrime.blog;

import org.drugsandcrime.blog.core.database.DatabaseLocation;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The public site: readers, search engines and feed readers, on port 8080. */
@SpringBootApplication
public class BlogWebApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BlogWebApplication.class);
		DatabaseLocation.applyTo(application);
		application.run(args);
	}
}
