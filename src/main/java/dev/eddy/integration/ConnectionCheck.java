package dev.eddy.integration;

import java.time.Duration;
import java.util.List;

/**
 * The answer to "test connection", in words: whether it works, one line saying what was found or
 * what is wrong, and one line per credential checked.
 */
public record ConnectionCheck(boolean ok, String summary, List<String> details, Duration took) {}
