package dev.eddy.cli;

/** A command that cannot go on, with what to do about it; printed without a trace, exit code 1. */
class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
