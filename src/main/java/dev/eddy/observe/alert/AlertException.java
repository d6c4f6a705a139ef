package dev.eddy.observe.alert;

/** A rule, channel or silence that cannot be saved, or a message that could not be delivered, in words. */
public class AlertException extends RuntimeException {
    public AlertException(String message) {
        super(message);
    }
}
