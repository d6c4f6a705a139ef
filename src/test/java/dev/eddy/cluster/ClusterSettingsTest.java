package dev.eddy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.job.JobSettings;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    private final ClusterSettings seed = ClusterSettings.seed(4, 1, JobSettings.defaults().options());

    @Test
    void theSeedIsValidWithHashMapStateAndFailureRateRestarts() {
        assertThat(seed.problems()).isEmpty();
        assertThat(seed.get(ClusterSettings.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(seed.get(ClusterSettings.RESTART_STRATEGY)).isEqualTo("failure-rate");
        assertThat(seed.clusterLevel()).containsOnlyKeys(ClusterSettings.TASK_SLOTS, ClusterSettings.STATE_BACKEND,
                ClusterSettings.INCREMENTAL);
    }

    @Test
    void wrongValuesAreRefusedInWordsNamingEachSetting() {
        ClusterSettings wrong = seed.with(ClusterSettings.TASK_SLOTS, "0").with(ClusterSettings.INCREMENTAL, "true")
                .with(ClusterSettings.CHECKPOINT_INTERVAL, "often").with("pipeline.name", "x")
                .with(ClusterSettings.RESTART_STRATEGY, "fixed-delay");
        assertThat(wrong.problems()).containsExactlyInAnyOrder(
                "'pipeline.name' is not a cluster setting: set it on a job instead.",
                "Task slots per TaskManager must be between 1 and 256, not 0.",
                "Incremental checkpoints need the rocksdb state backend; the hashmap one writes whole checkpoints.",
                "The fixed-delay restart strategy needs 'restart-strategy.fixed-delay.attempts'.",
                "The fixed-delay restart strategy needs 'restart-strategy.fixed-delay.delay'.",
                "The checkpoint interval must be a duration such as 10 s, 5 min or 1 h, not 'often'.");
        assertThat(seed.with(ClusterSettings.CHECKPOINT_INTERVAL, "100 ms").problems())
                .containsExactly("The checkpoint interval must be at least 1 s, not 100 ms.");
        assertThat(seed.with(ClusterSettings.STATE_BACKEND, "rocksdb").with(ClusterSettings.INCREMENTAL, "true").problems()).isEmpty();
    }

    @Test
    void jobDefaultsCarryOnlyTheChosenStrategysParametersAndNoClusterSetting() {
        ClusterSettings fixed = seed.with(ClusterSettings.RESTART_STRATEGY, "fixed-delay")
                .with("restart-strategy.fixed-delay.attempts", "5").with("restart-strategy.fixed-delay.delay", "2 s");
        assertThat(fixed.problems()).isEmpty();
        assertThat(fixed.jobDefaults()).containsEntry("restart-strategy.fixed-delay.attempts", "5")
                .doesNotContainKeys("restart-strategy.failure-rate.delay", ClusterSettings.TASK_SLOTS)
                .containsEntry(ClusterSettings.PARALLELISM, "1");
    }

    @Test
    void onlySlotsAndStateBackendRestartTheClusterAndEveryChangeIsListedOldToNew() {
        ClusterSettings moreParallel = seed.with(ClusterSettings.PARALLELISM, "2");
        assertThat(moreParallel.needsClusterRestart(seed)).isFalse();
        assertThat(moreParallel.changesFrom(seed)).containsExactly("parallelism.default: 1 → 2");
        ClusterSettings twoSlots = seed.with(ClusterSettings.TASK_SLOTS, "2");
        assertThat(twoSlots.needsClusterRestart(seed)).isTrue();
        assertThat(twoSlots.changesFrom(seed)).containsExactly("taskmanager.numberOfTaskSlots: 4 → 2");
        assertThat(seed.changesFrom(seed)).isEmpty();
    }
}
