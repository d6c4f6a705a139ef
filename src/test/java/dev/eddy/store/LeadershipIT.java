package dev.eddy.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Two Eddys on one store: one leads, and the other takes over as soon as the first is gone. */
@EddyIntegrationTest
class LeadershipIT {
    @Autowired
    DataSource store;
    @Autowired
    Leadership mine;

    @Test
    void oneEddyLeadsAndAnotherTakesOverWhenItsConnectionIsGone() {
        assertThat(mine.lead()).as("this test Eddy leads its own store").isTrue();
        try (Leadership second = new Leadership(store, "a second Eddy")) {
            assertThat(second.lead()).as("while the first leads").isFalse();
            assertThat(second.leads()).isFalse();
            // The first one dies: its session, and so its lock, is gone.
            mine.close();
            assertThat(second.lead()).as("at its next look").isTrue();
            assertThat(mine.lead()).as("the first one, back, follows").isFalse();
            second.close();
        }
        assertThat(mine.lead()).as("the lead given up at shutdown is taken again").isTrue();
    }
}
