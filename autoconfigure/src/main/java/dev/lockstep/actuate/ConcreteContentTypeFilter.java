package dev.lockstep.actuate;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 to a request whose {@code Content-Type} is no concrete media type: a
 * wildcard such as {@code *}{@code /*} or {@code application/*}, or a value that does not
 * parse. Spring Framework's request reading throws for a wildcard ("Content-Type cannot
 * contain wildcard type", spring-framework#27957) when an actuator operation's optional
 * body is read, and the request would otherwise end in a 500. Nothing behind the filter
 * runs, so nothing is changed.
 */
public final class ConcreteContentTypeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType != null && !isConcrete(contentType)) {
			response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
					"Content-Type '" + contentType + "' is not a concrete media type; send 'application/json'");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isConcrete(String contentType) {
		try {
			return MediaType.parseMediaType(contentType).isConcrete();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
