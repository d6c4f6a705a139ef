package dev.eddy.security;

import java.time.Instant;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Spring Security's view of Eddy's users: hash, role, disabled and locked-out state. */
@Component
class StoreUserDetails implements UserDetailsService {
    private final UserRepository users;
    private final dev.eddy.security.StoreOutage store;

    StoreUserDetails(UserRepository users, dev.eddy.security.StoreOutage store) {
        this.users = users;
        this.store = store;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserRepository.WithHash found;
        try {
            found = users.findWithHash(username)
                    .filter(u -> u.passwordHash() != null)
                    .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        } catch (org.springframework.dao.DataAccessException e) {
            if (dev.eddy.security.StoreOutage.isOutage(e)) {
                // The login page then gives way to the page that says the store is down.
                store.failed();
            }
            throw new org.springframework.security.authentication.InternalAuthenticationServiceException(
                    "Eddy could not read its users", e);
        }
        EddyUser user = found.user();
        return User.withUsername(user.username())
                .password(found.passwordHash())
                .authorities(user.role().authority())
                .disabled(!user.enabled())
                .accountLocked(user.lockedAt(Instant.now()))
                .build();
    }
}
