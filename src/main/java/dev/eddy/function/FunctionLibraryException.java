package dev.eddy.function;

/** A function library Eddy refuses or cannot find, said in words. */
public class FunctionLibraryException extends RuntimeException {
    public FunctionLibraryException(String message) {
        super(message);
    }

    static FunctionLibraryException missing(String message) {
        return new Missing(message);
    }

    private static final class Missing extends FunctionLibraryException implements dev.eddy.config.NotFound {
        Missing(String message) {
            super(message);
        }
    }
}
