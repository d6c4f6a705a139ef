package dev.eddy.security;

/** Who is acting: a signed-in user and their role. */
public record Actor(String name, Role role) {
    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
