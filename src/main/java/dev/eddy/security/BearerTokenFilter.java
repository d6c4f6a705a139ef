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
    private final dev.eddy.security.StoreOutage store;
    private final SecurityContextHolderStrategy strategy;

    BearerTokenFilter(ApiTokenService tokens, dev.eddy.security.StoreOutage store, SecurityContextHolderStrategy strategy) {
        this.tokens = tokens;
        this.store = store;
        this.strategy = strategy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        java.util.Optional<org.springframework.security.core.Authentication> signedIn;
        try {
            if (header != null && store.isDown()) {
                // Known down: answered at once rather than after another wait for a connection.
                throw new org.springframework.jdbc.CannotGetJdbcConnectionException(store.message());
            }
            signedIn = header != null && header.strip().regionMatches(true, 0, "Bearer ", 0, 7)
                    ? tokens.authenticate(header.strip().substring(7).strip()) : java.util.Optional.empty();
        } catch (RuntimeException e) {
            if (!dev.eddy.security.StoreOutage.isOutage(e)) {
                throw e;
            }
            // Tokens live in the store: without it no token can be checked, which is not the caller's fault.
            store.failed();
            if (dev.eddy.config.ProblemResponses.isApi(request)) {
                dev.eddy.config.ProblemResponses.write(request, response, 503, store.message());
            } else {
                response.setStatus(503);
                response.setContentType("application/json");
                response.getWriter().write(dev.eddy.config.ProblemResponses.flinkErrors(store.message()));
            }
            return;
        }
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
