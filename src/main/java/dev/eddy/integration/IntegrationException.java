package dev.eddy.integration;

/** An integration cannot be saved or used as asked; the message says why and what to do. */
public class IntegrationException extends RuntimeException {
    public IntegrationException(String message) {
        super(message);
    }
}
