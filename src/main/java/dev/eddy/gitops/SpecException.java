package dev.eddy.gitops;

/** A spec that cannot be read or applied as it is, said in words that name the place to fix. */
public class SpecException extends RuntimeException {
    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
