package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobDraftTest {
    private static JobDraft named(String name) {
        return new JobDraft(name, "", "INSERT INTO t SELECT 1", null);
    }

    @Test
    void aNameIsKeptStrippedAndRefusedInWordsWhenEmptyTooLongOrHoldingControlCharacters() {
        assertThat(named("  Orders per minute ✓ ").checkedName()).isEqualTo("Orders per minute ✓");
        assertThatThrownBy(() -> named(" ").checkedName()).hasMessageStartingWith("Give the job a name");
        assertThatThrownBy(() -> named(null).checkedName()).hasMessageStartingWith("Give the job a name");
        assertThatThrownBy(() -> named("x".repeat(JobDraft.MAX_NAME + 1)).checkedName())
                .hasMessageContaining("at most 120 characters").hasMessageContaining("has 121");
        assertThatThrownBy(() -> named("orders\u0000copy").checkedName()).hasMessageContaining("control characters");
        assertThatThrownBy(() -> named("orders\ncopy").checkedName()).hasMessageContaining("control characters");
    }
}
