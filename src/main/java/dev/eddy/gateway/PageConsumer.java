package dev.eddy.gateway;

/** Receives each result page that has rows or columns; returns false to stop reading. */
@FunctionalInterface
public interface PageConsumer {
    boolean accept(ResultPage page);
}
