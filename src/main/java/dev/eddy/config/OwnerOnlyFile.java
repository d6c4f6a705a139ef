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
        Path draft = draftBeside(file);
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

    /**
     * Writes {@code content} as the whole file, owner-only from its first byte: through a draft beside
     * it moved in place at once, so a reader sees the old file or the new, never a part.
     */
    public static void write(Path file, String content) throws IOException {
        Path draft = draftBeside(file);
        try {
            Files.writeString(draft, content);
            Files.move(draft, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** An empty owner-only file beside {@code file}, in the same directory so it can be linked or moved in place. */
    private static Path draftBeside(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            return Files.createTempFile(dir, ".draft", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's protection is what there is.
            return Files.createTempFile(dir, ".draft", ".tmp");
        }
    }

    /** A random password of 32 URL-safe characters. */
    public static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
