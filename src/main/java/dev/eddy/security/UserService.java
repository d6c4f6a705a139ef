package dev.eddy.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and their roles: the Users page, the first admin, and each user's own password. */
@Service
public class UserService {
    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private final UserRepository users;
    private final PasswordEncoder encoder;

    public UserService(UserRepository users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    /** Who is signed in on this page. */
    @Requires(Role.VIEWER)
    public Actor current() {
        return CurrentUser.get().orElseThrow();
    }

    @Requires(value = Role.ADMIN, action = "Managing users", audited = false)
    public List<EddyUser> list() {
        return users.list();
    }

    @Requires(value = Role.ADMIN, action = "Adding users")
    public void add(String username, String password, Role role) {
        String name = username == null ? "" : username.strip();
        PasswordRules.nameProblem(name).ifPresent(UserService::refuse);
        PasswordRules.problem(name, password).ifPresent(UserService::refuse);
        if (!users.insert(name, encoder.encode(password), role)) {
            refuse("A user named " + name + " already exists.");
        }
        log.info("{} added user {} as {}", CurrentUser.nameOrSystem(), name, role.label());
    }

    @Requires(value = Role.ADMIN, action = "Changing roles")
    @Transactional
    public void setRole(String username, Role role) {
        EddyUser user = existing(username);
        if (user.role() == Role.ADMIN && role != Role.ADMIN && user.enabled() && users.countEnabledAdmins() <= 1) {
            refuse(user.username() + " is the only admin: make another user admin first.");
        }
        users.setRole(user.username(), role);
        log.info("{} made {} a {}", CurrentUser.nameOrSystem(), user.username(), role.label());
    }

    @Requires(value = Role.ADMIN, action = "Disabling users")
    @Transactional
    public void setEnabled(String username, boolean enabled) {
        EddyUser user = existing(username);
        if (!enabled && user.username().equalsIgnoreCase(CurrentUser.nameOrSystem())) {
            refuse("You cannot disable yourself; another admin can.");
        }
        if (!enabled && user.role() == Role.ADMIN && users.countEnabledAdmins() <= 1) {
            refuse(user.username() + " is the only admin: make another user admin first.");
        }
        users.setEnabled(user.username(), enabled);
        log.info("{} {} user {}", CurrentUser.nameOrSystem(), enabled ? "enabled" : "disabled", user.username());
    }

    /** Sets a new password for another user (who forgot theirs); it also lifts a lockout. */
    @Requires(value = Role.ADMIN, action = "Resetting passwords")
    public void resetPassword(String username, String newPassword) {
        EddyUser user = existing(username);
        PasswordRules.problem(user.username(), newPassword).ifPresent(UserService::refuse);
        users.setPasswordHash(user.username(), encoder.encode(newPassword));
        log.info("{} reset the password of {}", CurrentUser.nameOrSystem(), user.username());
    }

    @Requires(Role.VIEWER)
    public void changeOwnPassword(String currentPassword, String newPassword) {
        Actor me = CurrentUser.get().orElseThrow();
        UserRepository.WithHash stored = users.findWithHash(me.name())
                .orElseThrow(() -> new UserException("Your user no longer exists."));
        if (currentPassword == null || stored.passwordHash() == null
                || !encoder.matches(currentPassword, stored.passwordHash())) {
            refuse("The current password is not right.");
        }
        PasswordRules.problem(me.name(), newPassword).ifPresent(UserService::refuse);
        users.setPasswordHash(me.name(), encoder.encode(newPassword));
        log.info("{} changed their password", me.name());
    }

    /** True until the first user exists: the setup page and the login page ask this. */
    @Unauthenticated("says only whether a first admin is still to be made")
    public boolean needsFirstAdmin() {
        return !users.any();
    }

    /**
     * Makes the first admin, only while no user exists and only for a browser on this machine: a
     * stranger on the network who finds a fresh Eddy cannot claim it.
     */
    @Unauthenticated("works only while no user exists, and only from loopback")
    @Transactional
    public void createFirstAdmin(String remoteAddress, String username, String password) {
        if (!isLoopback(remoteAddress)) {
            refuse("The first admin can only be created from a browser on the machine Eddy runs on "
                    + "(or start Eddy with EDDY_ADMIN_PASSWORD set).");
        }
        String name = username == null ? "" : username.strip();
        PasswordRules.nameProblem(name).ifPresent(UserService::refuse);
        PasswordRules.problem(name, password).ifPresent(UserService::refuse);
        if (!users.insertFirst(name, encoder.encode(password))) {
            refuse("Eddy already has an admin: sign in instead.");
        }
        log.info("Created the first admin, {}, from the setup page", name);
    }

    /** The first admin from EDDY_ADMIN_PASSWORD, at start, when no user exists yet. */
    boolean createFirstAdminFromEnvironment(String password) {
        PasswordRules.problem("admin", password).ifPresent(p -> {
            throw new IllegalStateException("EDDY_ADMIN_PASSWORD cannot be used: " + p);
        });
        return users.insertFirst("admin", encoder.encode(password));
    }

    /**
     * Keeps a single sign-on user's row in step at each sign-in: made on the first, its role from
     * the provider's groups after that. A user an admin disabled stays out. The row's password is
     * random and never told, so such a user signs in only through the provider.
     */
    @Transactional
    void syncSingleSignOn(String username, Role role) {
        String name = username.strip();
        PasswordRules.nameProblem(name).ifPresent(p -> refuse("The sign-in provider's name for you cannot be used in "
                + "Eddy: " + p));
        java.util.Optional<EddyUser> known = users.find(name);
        if (known.isEmpty()) {
            users.insert(name, encoder.encode(java.util.UUID.randomUUID().toString()), role);
            log.info("Single sign-on made user {} a {}", name, role.label());
        } else if (!known.get().enabled()) {
            refuse("An admin disabled " + known.get().username() + " in Eddy. Ask an admin to enable it again.");
        } else if (known.get().role() != role) {
            users.setRole(known.get().username(), role);
            log.info("Single sign-on made {} a {} (from their groups)", known.get().username(), role.label());
        }
    }

    /** Whether the address is this machine's own (127.0.0.1, ::1): the first-run setup works only from there. */
    public static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            // Only literal addresses arrive here (the servlet's remote address): no DNS lookup happens.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private EddyUser existing(String username) {
        return users.find(username).orElseThrow(() -> new UserException("There is no user named " + username + "."));
    }

    Optional<EddyUser> find(String username) {
        return users.find(username);
    }

    private static void refuse(String message) {
        throw new UserException(message);
    }
}
