package org.drugsandcrime.blog;

import org.drugsandcrime.blog.admin.wordpress.WordPressCommandLine;
import org.drugsandcrime.blog.core.database.DatabaseLocation;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The staff portal on port 8081: a separate process that reaches the database only through blog-core. With
 * {@code import-wordpress} first among its arguments it imports a WordPress export instead, and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BlogAdminApplication {

	public static void main(String[] args) {
		if (WordPressCommandLine.handles(args)) {
			System.exit(WordPressCommandLine.run(args, System.out, System.err));
		}
		SpringApplication application = new SpringApplication(BlogAdminApplication.class);
		DatabaseLocation.applyTo(application);
		application.run(args);
	}
}
