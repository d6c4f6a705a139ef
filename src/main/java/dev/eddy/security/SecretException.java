package dev.eddy.security;

/** A stored secret cannot be read back; the message says why and what to do. */
public class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message);
    }
}
