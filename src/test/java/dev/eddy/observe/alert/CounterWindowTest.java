package dev.eddy.observe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CounterWindowTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void countsTheGrowthWithinTheWindowFromTheLastReadingBeforeIt() {
        CounterWindow w = new CounterWindow();
        w.add(T0, "run-a", 4);
        w.add(T0.plusSeconds(60), "run-a", 5);
        w.add(T0.plusSeconds(120), "run-a", 9);
        assertThat(w.increase(T0.plusSeconds(120), Duration.ofSeconds(90))).isEqualTo(5);
        assertThat(w.increase(T0.plusSeconds(120), Duration.ofSeconds(30))).isEqualTo(4);
        assertThat(w.increase(T0.plusSeconds(400), Duration.ofSeconds(60))).as("nothing read in the window").isZero();
    }

    @Test
    void aNewRunCountsFromZeroLikeAPrometheusCounterReset() {
        CounterWindow w = new CounterWindow();
        w.add(T0, "run-a", 7);
        w.add(T0.plusSeconds(15), "run-b", 2);
        w.add(T0.plusSeconds(30), "run-b", 3);
        w.add(T0.plusSeconds(45), "run-b", 1);
        assertThat(w.increase(T0.plusSeconds(45), Duration.ofMinutes(5))).isEqualTo(2 + 1 + 1);
    }

    @Test
    void trimmingKeepsTheOneReadingBeforeTheWindowAsItsBase() {
        CounterWindow w = new CounterWindow();
        for (int i = 0; i < 10; i++) {
            w.add(T0.plusSeconds(i * 60L), "run", i);
        }
        assertThat(w.increase(T0.plusSeconds(540), Duration.ofSeconds(180))).isEqualTo(4);
        w.trim(T0.plusSeconds(540), Duration.ofSeconds(120));
        assertThat(w.increase(T0.plusSeconds(540), Duration.ofSeconds(120))).as("from the reading at 360 s").isEqualTo(3);
        assertThat(w.increase(T0.plusSeconds(540), Duration.ofSeconds(180))).as("readings before the base are gone").isEqualTo(3);
    }
}
