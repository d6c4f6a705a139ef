package dev.eddy.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/** Signs a request in by its {@code Authorization: Bearer eddy_…} API token, for that request only. */
final class BearerTokenFilter extends OncePerRequestFilter {
    private final ApiTokenService tokens;
    private final SecurityContextHolderStrategy strategy;

    BearerTokenFilter(ApiTokenService tokens, SecurityContextHolderStrategy strategy) {
        this.tokens = tokens;
        this.strategy = strategy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        var signedIn = header != null && header.strip().regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.authenticate(header.strip().substring(7).strip()) : java.util.Optional.<org.springframework.security.core.Authentication>empty();
        if (signedIn.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        SecurityContext context = strategy.createEmptyContext();
        context.setAuthentication(signedIn.get());
        strategy.setContext(context);
        // The services read the acting user from the global holder (CurrentUser). It is this
        // application's strategy, except in a JVM where another Eddy started later (tests) and
        // installed its own: then the user is set there too, for this request only.
        boolean elsewhere = SecurityContextHolder.getContextHolderStrategy() != strategy;
        if (elsewhere) {
            SecurityContextHolder.getContext().setAuthentication(signedIn.get());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (elsewhere) {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
