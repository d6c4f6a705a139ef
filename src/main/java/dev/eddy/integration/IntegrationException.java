package dev.eddy.integration;

/** An integration cannot be saved or used as asked; the message says why and what to do. */
public class IntegrationException extends RuntimeException {
    public IntegrationException(String message) {
        super(message);
    }

    /** There is no such integration. */
    public static IntegrationException missing(String message) {
        return new Missing(message);
    }

    private static final class Missing extends IntegrationException implements dev.eddy.config.NotFound {
        Missing(String message) {
            super(message);
        }
    }
}
