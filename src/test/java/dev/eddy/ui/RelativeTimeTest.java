package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
    @Test
    void saysHowLongAgoInTheLargestWholeUnit() {
        assertThat(RelativeTime.ago(Duration.ofSeconds(42))).isEqualTo("42 s ago");
        assertThat(RelativeTime.ago(Duration.ofMinutes(3).plusSeconds(20))).isEqualTo("3 min ago");
        assertThat(RelativeTime.ago(Duration.ofHours(5).plusMinutes(59))).isEqualTo("5 h ago");
        assertThat(RelativeTime.ago(Duration.ofDays(2).plusHours(3))).isEqualTo("2 d ago");
        assertThat(RelativeTime.ago((java.time.Instant) null)).isEmpty();
    }
}
