package dev.eddy.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Service;

/** The OpenID Connect providers a person may sign in with, as the login page offers them. */
@Service
public class SingleSignOn {
    private final ObjectProvider<ClientRegistrationRepository> registrations;

    SingleSignOn(ObjectProvider<ClientRegistrationRepository> registrations) {
        this.registrations = registrations;
    }

    /** One provider: its name for people, and where the login page's button leads. */
    public record Provider(String name, String path) {}

    @Unauthenticated("lists the sign-in providers on the login page")
    public List<Provider> providers() {
        List<Provider> found = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object each : all) {
                if (each instanceof ClientRegistration r) {
                    found.add(new Provider(r.getClientName(), "oauth2/authorization/" + r.getRegistrationId()));
                }
            }
        }
        return found;
    }
}
