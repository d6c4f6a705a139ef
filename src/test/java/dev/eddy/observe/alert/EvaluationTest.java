package dev.eddy.observe.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration REMIND = Duration.ofHours(4);
    private final Evaluation evaluation = new Evaluation();
    private final AlertRule rule = new AlertRule(7L, "Lag", AlertCondition.SOURCE_LAG, null, 100, null,
            Duration.ofMinutes(2), Severity.WARNING, List.of("ops"), true);

    private static Observation seen(boolean holds) {
        return new Observation("job:1", "job orders", holds, holds ? 500.0 : 3.0, holds ? "500 behind" : "3 behind", "http://x/job/1");
    }

    private static AlertEvent open(Instant fired, Instant notified) {
        return new AlertEvent(1, 7L, "Lag", Severity.WARNING, "job:1", "job orders", "500 behind", 500.0, fired, null, notified, null);
    }

    @Test
    void aConditionFiresOnlyOnceItHasHeldForTheRulesDuration() {
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0, REMIND)).isEmpty();
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0.plusSeconds(60), REMIND)).isEmpty();
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0.plusSeconds(120), REMIND))
                .containsExactly(new Evaluation.Fire(seen(true), true));
    }

    @Test
    void aConditionThatStopsHoldingBeforeItsDurationStartsAgainFromNothing() {
        evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0, REMIND);
        assertThat(evaluation.evaluate(rule, List.of(seen(false)), Map.of(), false, T0.plusSeconds(60), REMIND)).isEmpty();
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0.plusSeconds(130), REMIND)).isEmpty();
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0.plusSeconds(250), REMIND)).hasSize(1);
    }

    @Test
    void aFiringAlertIsNotToldAgainUntilTheReminderIntervalHasPassed() {
        AlertEvent event = open(T0, T0);
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of("job:1", event), false, T0.plusSeconds(3600), REMIND))
                .containsExactly(new Evaluation.Keep(event, seen(true), null));
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of("job:1", event), false, T0.plus(REMIND), REMIND))
                .containsExactly(new Evaluation.Keep(event, seen(true), AlertMessage.Kind.REMINDER));
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of("job:1", event), false, T0.plus(REMIND), Duration.ZERO))
                .as("a zero interval never reminds").containsExactly(new Evaluation.Keep(event, seen(true), null));
    }

    @Test
    void aSilenceKeepsAFiringQuietAndItIsToldWhenTheSilenceEnds() {
        Duration now = Duration.ZERO;
        AlertRule at = new AlertRule(7L, "Lag", AlertCondition.SOURCE_LAG, null, 100, null, now, Severity.WARNING, List.of("ops"), true);
        assertThat(evaluation.evaluate(at, List.of(seen(true)), Map.of(), true, T0, REMIND))
                .containsExactly(new Evaluation.Fire(seen(true), false));
        AlertEvent untold = open(T0, null);
        assertThat(evaluation.evaluate(at, List.of(seen(true)), Map.of("job:1", untold), true, T0.plusSeconds(15), REMIND))
                .containsExactly(new Evaluation.Keep(untold, seen(true), null));
        assertThat(evaluation.evaluate(at, List.of(seen(true)), Map.of("job:1", untold), false, T0.plusSeconds(30), REMIND))
                .containsExactly(new Evaluation.Keep(untold, seen(true), AlertMessage.Kind.FIRING));
    }

    @Test
    void aSubjectThatCannotBeReadNowKeepsItsFiringAndItsPendingTime() {
        Observation unknown = Observation.unknown("job:1", "job orders", "http://x/job/1");
        AlertEvent told = open(T0, T0);
        assertThat(evaluation.evaluate(rule, List.of(unknown), Map.of("job:1", told), false, T0.plusSeconds(60), REMIND))
                .as("a restarting job's firing stays open").isEmpty();
        evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0, REMIND);
        evaluation.evaluate(rule, List.of(unknown), Map.of(), false, T0.plusSeconds(60), REMIND);
        assertThat(evaluation.evaluate(rule, List.of(seen(true)), Map.of(), false, T0.plusSeconds(120), REMIND))
                .as("held since the first sight").hasSize(1);
    }

    @Test
    void aFiringResolvesWhenItsConditionNoLongerHoldsOrItsSubjectIsGoneAndOnlyAToldOneIsToldResolved() {
        AlertEvent told = open(T0, T0);
        assertThat(evaluation.evaluate(rule, List.of(seen(false)), Map.of("job:1", told), false, T0.plusSeconds(60), REMIND))
                .containsExactly(new Evaluation.Resolve(told, seen(false), true));
        assertThat(evaluation.evaluate(rule, List.of(), Map.of("job:1", told), false, T0.plusSeconds(60), REMIND))
                .containsExactly(new Evaluation.Resolve(told, null, true));
        AlertEvent silenced = open(T0, null);
        assertThat(evaluation.evaluate(rule, List.of(seen(false)), Map.of("job:1", silenced), false, T0.plusSeconds(60), REMIND))
                .containsExactly(new Evaluation.Resolve(silenced, seen(false), false));
    }
}
