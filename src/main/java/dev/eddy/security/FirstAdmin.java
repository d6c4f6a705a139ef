package dev.eddy.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a start with no user yet: the admin from {@code EDDY_ADMIN_PASSWORD}, or a log line that says
 * exactly where to create one.
 */
@Component
class FirstAdmin implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private final UserService users;
    private final String password;
    private final String consoleUrl;

    FirstAdmin(UserService users, @Value("${eddy.admin-password:}") String password,
            @Value("http://localhost:${local.server.port:${server.port:8080}}") String consoleUrl) {
        this.users = users;
        this.password = password;
        this.consoleUrl = consoleUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!users.needsFirstAdmin()) {
            return;
        }
        if (!password.isEmpty()) {
            if (users.createFirstAdminFromEnvironment(password)) {
                log.info("Created the first admin: sign in at {} as user 'admin' with the password in EDDY_ADMIN_PASSWORD",
                        consoleUrl);
            }
            return;
        }
        log.warn("Eddy has no user yet. Open {}/setup in a browser on this machine to create the first admin "
                + "(or start Eddy with EDDY_ADMIN_PASSWORD set: the admin is then 'admin' with that password).", consoleUrl);
    }
}
