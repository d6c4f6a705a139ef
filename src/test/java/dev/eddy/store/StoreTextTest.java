package dev.eddy.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreTextTest {
    @Test
    void nulCharactersAreMarkedAndEverythingElseIsKept() {
        assertThat(StoreText.of("a\u0000b\u0000")).isEqualTo("a\uFFFDb\uFFFD");
        String plain = "SELECT 'é' -- ✓";
        assertThat(StoreText.of(plain)).isSameAs(plain);
        assertThat(StoreText.of(null)).isNull();
    }
}
