package dev.eddy.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A program Eddy carries for processes of its own (the S3 API server, Flink's S3 file system plugin):
 * a jar among Eddy's resources, never on its class path, written out once where a process can use it.
 */
final class BundledProgram {
    private static final String FOLDER = "/eddy-bundled/";

    private BundledProgram() {}

    /** Writes the bundled jar {@code name} to {@code target} unless it is there already, whole; returns {@code target}. */
    static Path copy(String name, Path target) throws IOException {
        java.net.URL resource = BundledProgram.class.getResource(FOLDER + name);
        if (resource == null) {
            throw new IllegalStateException("Eddy was built without " + name + " (target/classes" + FOLDER
                    + "): build it with Maven, which copies it there.");
        }
        URLConnection connection = resource.openConnection();
        long size = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path draft = Files.createTempFile(target.getParent(), ".draft", ".jar");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, draft, StandardCopyOption.REPLACE_EXISTING);
            Files.move(draft, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(draft);
        }
        return target;
    }
}
