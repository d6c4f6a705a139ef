package oidcprovider;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider (Spring Authorization Server) for the single sign-on test, run
 * as a process of its own: olga is in the eddy-developers group, nina in no group Eddy knows.
 * Arguments: its port, then the redirect URI of the Eddy it serves. Outside {@code dev.eddy} on
 * purpose: Eddy's component scan must never pick up its beans.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
        OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
public class OidcProvider {
    public static final String CLIENT_ID = "eddy";
    public static final String CLIENT_SECRET = "eddy-client-secret";
    private static final Map<String, List<String>> GROUPS = Map.of("olga", List.of("staff", "eddy-developers"),
            "nina", List.of("staff"));

    public static void main(String[] args) {
        String client = "spring.security.oauth2.authorizationserver.client.eddy.";
        // As arguments: they win over Eddy's own application.properties on the same class path.
        new SpringApplicationBuilder(OidcProvider.class).run(Stream.of(
                "server.port=" + args[0],
                "server.servlet.session.cookie.name=PROVIDERSESSION",
                "spring.security.oauth2.authorizationserver.issuer=http://127.0.0.1:" + args[0],
                client + "registration.client-id=" + CLIENT_ID,
                client + "registration.client-secret={noop}" + CLIENT_SECRET,
                client + "registration.client-authentication-methods=client_secret_basic",
                client + "registration.authorization-grant-types=authorization_code,refresh_token",
                client + "registration.redirect-uris=" + args[1],
                client + "registration.scopes=openid,profile",
                client + "require-authorization-consent=false").map(p -> "--" + p).toArray(String[]::new));
    }

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(
                User.withUsername("olga").password("{noop}olga-password").roles("USER").build(),
                User.withUsername("nina").password("{noop}nina-password").roles("USER").build());
    }

    /** The ID token names the user and lists their groups, as a company's provider would. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groupsInTheIdToken() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                String name = context.getPrincipal().getName();
                context.getClaims().claim("preferred_username", name).claim("groups", GROUPS.getOrDefault(name, List.of()));
            }
        };
    }
}
