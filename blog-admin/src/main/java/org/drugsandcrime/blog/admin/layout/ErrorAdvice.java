package org.drugsandcrime.blog.admin.layout;

import org.drugsandcrime.blog.core.comment.ModerationQueue.CommentNotFoundException;
import org.drugsandcrime.blog.core.post.PostNotFoundException;
import org.drugsandcrime.blog.core.taxonomy.TaxonomyEditing.TermNotFoundException;
import org.drugsandcrime.blog.core.user.StaffAccounts.StaffNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Unknown ids anywhere in the portal are a 404 page, never a stack trace. */
@ControllerAdvice
class ErrorAdvice {

	@ExceptionHandler({ PostNotFoundException.class, TermNotFoundException.class, CommentNotFoundException.class,
			StaffNotFoundException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Model model) {
		model.addAttribute("status", 404);
		return "error/4xx";
	}
}
