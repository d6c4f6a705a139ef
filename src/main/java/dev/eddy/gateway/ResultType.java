package dev.eddy.gateway;

/** What a result page holds: nothing yet, rows, or the end of the result. */
public enum ResultType {
    NOT_READY, PAYLOAD, EOS
}
