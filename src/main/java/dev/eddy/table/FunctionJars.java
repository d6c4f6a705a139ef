package dev.eddy.table;

import dev.eddy.table.CatalogRepository.StoredJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * The JARs of function libraries as files where a gateway runs: Flink loads a function's class from
 * a JAR URI, so the catalog writes each library version it hands out from Eddy's store into a folder
 * of its own, named after library and version (Flink's messages then name them too), checked
 * against its SHA-256 before every first use in this JVM.
 */
final class FunctionJars {
    private final Path dir;
    /** Files checked against their checksum in this JVM, by checksum. */
    private final Map<String, Path> checked = new ConcurrentHashMap<>();

    FunctionJars(Path dir) {
        this.dir = dir;
    }

    /** The default folder for a gateway no Eddy configured: the user's own, under the temporary directory. */
    static FunctionJars inTemporaryDirectory() {
        return new FunctionJars(Path.of(System.getProperty("java.io.tmpdir"),
                "eddy-function-jars-" + System.getProperty("user.name", "flink")));
    }

    Path dir() {
        return dir;
    }

    /**
     * The file URI of a library version's JAR (whose SHA-256 is {@code sha256}), written from {@code jar}
     * unless a checked copy is there. Keyed by checksum: a library deleted and uploaded again under the
     * same name and version is another JAR.
     */
    String uriOf(String library, int version, String sha256, java.util.function.Supplier<StoredJar> jar) {
        Path known = checked.get(sha256);
        if (known != null && Files.isRegularFile(known)) {
            return known.toUri().toString();
        }
        Path file = dir.resolve(library + "-v" + version + "-" + sha256.substring(0, 12) + ".jar");
        try {
            createDir();
            if (!Files.isRegularFile(file) || !sha256.equals(sha256(file))) {
                StoredJar stored = jar.get();
                // Written beside and moved: a session reading the file never sees half of it.
                Path draft = Files.createTempFile(dir, file.getFileName().toString(), ".part");
                Files.write(draft, stored.bytes());
                try {
                    Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new CatalogException("Eddy's catalog could not write the JAR of " + library + " v" + version + " to "
                    + dir + " (" + e.getMessage() + "): give this process a writable folder there");
        }
        checked.put(sha256, file);
        return file.toUri().toString();
    }

    /** The same, the checksum and JAR read from Eddy's store. */
    String uriOf(String library, int version, CatalogRepository store) {
        String sha = store.libraryJarSha(library, version).orElseThrow(() -> gone(library, version));
        return uriOf(library, version, sha, () -> store.libraryJar(library, version).orElseThrow(() -> gone(library, version)));
    }

    private static CatalogException gone(String library, int version) {
        return new CatalogException("Version " + version + " of the function library " + library + " is no longer kept: "
                + "register the function again from the Functions page");
    }

    private void createDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
