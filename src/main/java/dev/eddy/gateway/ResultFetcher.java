package dev.eddy.gateway;

import java.util.function.BooleanSupplier;

/** Follows an operation's result pages until the end, a stop request, or the consumer says enough. */
final class ResultFetcher {
    private static final long MIN_WAIT_MS = 20;
    private static final long MAX_WAIT_MS = 500;
    /** Until the first rows (or this long), poll briskly: time to first row is what users feel. */
    private static final long EAGER_NANOS = 10_000_000_000L;

    private ResultFetcher() {}

    /** Returns true when the result ended (EOS), false when stopped first. */
    static boolean follow(SqlGatewayClient client, OperationHandle op, PageConsumer consumer, BooleanSupplier stopped) {
        long started = System.nanoTime();
        boolean seenRows = false;
        ResultPage page = client.firstPage(op);
        long wait = MIN_WAIT_MS;
        while (true) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            if (page.type() == ResultType.PAYLOAD || !page.columns().isEmpty()) {
                if (!consumer.accept(page)) {
                    return false;
                }
            }
            if (page.type() == ResultType.EOS || page.nextResultUri().isEmpty()) {
                return true;
            }
            seenRows |= !page.rows().isEmpty();
            if (page.type() == ResultType.NOT_READY || page.rows().isEmpty()) {
                sleep(wait);
                if (seenRows || System.nanoTime() - started > EAGER_NANOS) {
                    // Nothing new: back off so an idle streaming query does not hammer the gateway.
                    wait = Math.min(MAX_WAIT_MS, wait * 2);
                }
            } else {
                wait = MIN_WAIT_MS;
            }
            page = client.fetch(page.nextResultUri().get());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(GatewayException.Kind.TIMEOUT, "Interrupted while reading results", null,
                    e.toString(), null, null, null);
        }
    }
}
