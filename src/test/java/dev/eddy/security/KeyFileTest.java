package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @Test
    void theKeyFileIsReadableByItsOwnerOnlyAndKeptAcrossStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/secret.key");
        byte[] first = SecurityConfiguration.keyFromFile(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecurityConfiguration.keyFromFile(file)).isEqualTo(first).hasSize(32);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("secret.key");
        }
    }

    @Test
    void eddysStartingTogetherAgreeOnOneKey(@TempDir Path dir) {
        Path file = dir.resolve("secret.key");
        List<CompletableFuture<byte[]>> starts = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> SecurityConfiguration.keyFromFile(file))).toList();
        byte[] kept = SecurityConfiguration.keyFromFile(file);
        starts.forEach(s -> assertThat(s.join()).isEqualTo(kept));
    }
}
