package dev.eddy.security;

import org.springframework.security.access.AccessDeniedException;

/** A refusal by Eddy's policy, with a message that says which rule and what to do instead. */
public class AccessRefusedException extends AccessDeniedException {
    public AccessRefusedException(String message) {
        super(message);
    }
}
