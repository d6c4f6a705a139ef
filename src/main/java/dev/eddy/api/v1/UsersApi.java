package dev.eddy.api.v1;

import dev.eddy.security.ApiToken;
import dev.eddy.security.ApiTokenService;
import dev.eddy.security.EddyUser;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users (admin) and the caller's own API tokens. Tokens are made in the console only: a token that
 * could make tokens would outlive its own expiry and revocation.
 */
@RestController
@Tag(name = "Users", description = "Users and their roles (admin); your own API tokens")
class UsersApi {
    private final UserService users;
    private final ApiTokenService tokens;

    UsersApi(UserService users, ApiTokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** A new user: name, first password (at least 12 characters) and role. */
    record NewUser(String username, String password, Role role) {}

    /** What to change of a user; a field left out stays as it is. */
    record UserChange(Role role, Boolean enabled, String password) {}

    @GetMapping("/api/v1/users")
    @Operation(summary = "Every user with role, state and last sign-in (admin)")
    List<EddyUser> list() {
        return users.list();
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a user (admin)")
    EddyUser add(@RequestBody NewUser user) {
        users.add(user.username(), user.password(), user.role());
        return find(user.username());
    }

    @PutMapping("/api/v1/users/{username}")
    @Operation(summary = "Change a user's role, enable or disable them, or reset their password (admin)")
    EddyUser change(@PathVariable String username, @RequestBody UserChange change) {
        if (change.role() != null) {
            users.setRole(username, change.role());
        }
        if (change.enabled() != null) {
            users.setEnabled(username, change.enabled());
        }
        if (change.password() != null) {
            users.resetPassword(username, change.password());
        }
        return find(username);
    }

    @GetMapping("/api/v1/tokens")
    @Operation(summary = "Your live API tokens (never their secrets) (viewer)")
    List<ApiToken> myTokens() {
        return tokens.mine();
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of your tokens; admins may revoke anyone's (viewer)")
    void revoke(@PathVariable long id) {
        tokens.revoke(id);
    }

    private EddyUser find(String username) {
        return users.list().stream().filter(u -> u.username().equals(username.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No user named " + username));
    }
}
