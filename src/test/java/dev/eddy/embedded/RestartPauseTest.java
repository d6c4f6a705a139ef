package dev.eddy.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RestartPauseTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aProcessThatRanAWhileIsStartedAtOnceOneThatKeepsStoppingWaitsLongerEachTimeUpToAMinute() {
        RestartPause pause = new RestartPause();
        long now = 1_000 * S;
        pause.started(now);
        now += 120 * S; // killed after two minutes of work
        assertThat(pause.due(now)).isTrue();

        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long wait : expected) {
            pause.started(now);
            now += 2 * S; // stops two seconds after its start
            assertThat(pause.due(now)).as("not at once").isFalse();
            assertThat(pause.due(now + wait * S - 1)).as("before %d s", wait).isFalse();
            now += wait * S;
            assertThat(pause.due(now)).as("after %d s", wait).isTrue();
        }
        assertThat(pause.quickStops()).isEqualTo(expected.length);

        pause.started(now);
        now += 45 * S; // this time it ran long enough
        assertThat(pause.due(now)).isTrue();
        assertThat(pause.quickStops()).isZero();
    }
}
