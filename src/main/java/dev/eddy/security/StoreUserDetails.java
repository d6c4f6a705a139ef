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

    StoreUserDetails(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserRepository.WithHash found = users.findWithHash(username)
                .filter(u -> u.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        EddyUser user = found.user();
        return User.withUsername(user.username())
                .password(found.passwordHash())
                .authorities(user.role().authority())
                .disabled(!user.enabled())
                .accountLocked(user.lockedAt(Instant.now()))
                .build();
    }
}
