package org.drugsandcrime.blog;

import org.drugsandcrime.blog.core.database.DatabaseLocation;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The staff portal on port 8081: a separate process that reaches the database only through blog-core. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BlogAdminApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BlogAdminApplication.class);
		DatabaseLocation.applyTo(application);
		application.run(args);
	}
}
