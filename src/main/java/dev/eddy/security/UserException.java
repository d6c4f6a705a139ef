package dev.eddy.security;

/** A user change that cannot be made, with words that say what to do instead. */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }
}
