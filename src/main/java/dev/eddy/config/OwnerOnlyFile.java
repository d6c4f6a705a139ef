package dev.eddy.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A small secret kept in a file only its owner can read: created owner-only from its first byte
 * and appearing whole (a hard link), so two processes starting together agree on one value.
 */
public final class OwnerOnlyFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFile() {}

    /** The file's content (stripped), written from {@code fresh} first if the file does not exist. */
    public static String readOrCreate(Path file, Supplier<String> fresh) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path draft;
        try {
            draft = Files.createTempFile(dir, ".draft", ".secret",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: rely on the directory's protection.
            draft = Files.createTempFile(dir, ".draft", ".secret");
        }
        try {
            String value = fresh.get();
            Files.writeString(draft, value);
            // A hard link appears whole and fails if another process made the file first (a rename would replace it).
            Files.createLink(file, draft);
            return value;
        } catch (FileAlreadyExistsException raced) {
            return Files.readString(file).strip();
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** A random password of 32 URL-safe characters. */
    public static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
