package dev.eddy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenFileIsOnlyItsOwnersAndAWriteReplacesItWholeLeavingNoDraft() throws Exception {
        Path file = dir.resolve("conf/config.yaml");
        OwnerOnlyFile.write(file, "a: 1\n");
        OwnerOnlyFile.write(file, "b: 2\n");
        assertThat(Files.readString(file)).isEqualTo("b: 2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aSecretIsMadeOnceAndReadBackAfter() throws Exception {
        Path file = dir.resolve("secret.key");
        String made = OwnerOnlyFile.readOrCreate(file, () -> "first");
        assertThat(OwnerOnlyFile.readOrCreate(file, () -> "second")).isEqualTo(made).isEqualTo("first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
