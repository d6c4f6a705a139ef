package dev.eddy.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.core.annotation.Order;

/** Login for every page (Vaadin's form login on /login), and the role check on service entry points. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({PolicyProperties.class, OidcProperties.class})
class WebSecurityConfiguration {
    /**
     * One for the whole JVM. Vaadin's own configuration makes a new one per application context and
     * makes it the static holder's: a second context in the JVM (tests start several) then leaves the
     * first one's filters writing the signed-in user where its services no longer read it.
     */
    private static final VaadinAwareSecurityContextHolderStrategy STRATEGY = new VaadinAwareSecurityContextHolderStrategy();

    /**
     * Routes signed in by API tokens, not the login page: the REST API, the SQL Gateway for Flink's SQL
     * Client, and the health and metrics of Eddy and its jobs for monitoring systems.
     */
    static final String[] TOKEN_ROUTES = {"/api/**", "/sql-gateway/**", "/actuator/**"};
    /** What a container platform's probes ask, with no token: up or not, nothing more. */
    static final String[] PROBES = {"/actuator/health/liveness", "/actuator/health/readiness"};
    /** The REST API's description and its browsable page: no data, only the shape of the routes. */
    static final String[] API_DESCRIPTION = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    /**
     * API token routes: no session, no CSRF (nothing a browser sends on its own carries a bearer
     * token), and a JSON error in the gateway's shape for a missing or refused token.
     */
    @Bean
    @Order(1)
    SecurityFilterChain tokenFilterChain(HttpSecurity http, ApiTokenService tokens, dev.eddy.security.StoreOutage store,
            ObjectProvider<SecurityContextHolderStrategy> strategy) throws Exception {
        return http.securityMatcher(TOKEN_ROUTES)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, store,
                        strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, problem) -> {
                    response.setStatus(401);
                    boolean sqlClient = request.getRequestURI().startsWith(request.getContextPath() + "/sql-gateway/");
                    String why = "Eddy needs an API token: send 'Authorization: Bearer eddy_…'"
                            + (sqlClient ? " (for Flink's SQL Client, FLINK_REST_CLIENT_HEADERS='Authorization:Bearer eddy_…')" : "")
                            + ". Make one in Eddy under your user menu, API tokens.";
                    if (!sqlClient) {
                        // RFC 9457 problem details, as every other answer of the REST API that is not a success.
                        response.setContentType("application/problem+json");
                        response.getWriter().write(dev.eddy.config.ProblemResponses.json(401, why));
                    } else {
                        response.setContentType("application/json");
                        response.getWriter().write(dev.eddy.config.ProblemResponses.flinkErrors(why));
                    }
                }))
                .build();
    }

    /** Liveness and readiness: anyone may ask (status only, no details), nothing else. */
    @Bean
    @Order(0)
    SecurityFilterChain probesFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(PROBES)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(a -> a.requestMatchers(org.springframework.http.HttpMethod.GET).permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    /** The API's description and its page: readable by anyone, no session, nothing to change. */
    @Bean
    @Order(0)
    SecurityFilterChain apiDescriptionFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(API_DESCRIPTION)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(a -> a.requestMatchers(org.springframework.http.HttpMethod.GET).permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> providers,
            OidcProperties oidc, UserService users, AuditLog audit) throws Exception {
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView("/login"));
        if (providers.getIfAvailable() != null) {
            // Single sign-on beside the password form, on the same login page; failures land there in words.
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.oidcUserService(new OidcUsers(oidc, users, audit))));
        }
        return http.build();
    }

    /**
     * An address Spring Security's firewall refuses (an encoded slash or NUL, a dot segment): told
     * in words, as a problem for the REST API, instead of the servlet container's bare error page.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            String why = "Eddy refused this request: its address holds characters Eddy does not accept in a path "
                    + "(an encoded slash or backslash, a dot segment, a NUL or another control character). "
                    + "Send names without them.";
            dev.eddy.config.ProblemResponses.write(request, response, 400, why);
        };
    }

    /** Where the acting user is kept: the Vaadin session inside the UI, the request's thread elsewhere. */
    @Bean
    static VaadinAwareSecurityContextHolderStrategy securityContextHolderStrategy() {
        SecurityContextHolder.setContextHolderStrategy(STRATEGY);
        return STRATEGY;
    }

    /** Spring Security's current encoder (bcrypt today), with the algorithm kept beside each hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor roleCheckAdvisor(ObjectProvider<AuditLog> audit) {
        return new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(null, Requires.class, true), new RoleCheck(audit));
    }
}
