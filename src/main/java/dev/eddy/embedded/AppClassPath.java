package dev.eddy.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of Eddy's own JVM as plain files, for the Flink processes it starts: they run the
 * same Flink, connectors and formats. A Spring Boot jar keeps its libraries nested, which another
 * JVM cannot use: it is unpacked once (Spring Boot's own {@code extract}) beside the cluster's files.
 */
final class AppClassPath {
    private AppClassPath() {}

    /** {@code javaClassPath} as files; a Spring Boot jar among it is unpacked into {@code unpackDir}. */
    static String resolve(String javaClassPath, Path unpackDir) throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : javaClassPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (Files.isRegularFile(path) && isBootJar(path)) {
                Path unpacked = unpack(path, unpackDir);
                entries.add(unpacked.toString());
                entries.addAll(manifestClassPath(unpacked));
            } else {
                entries.add(path.toString());
                if (Files.isRegularFile(path)) {
                    entries.addAll(manifestClassPath(path));
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean isBootJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/lib/") != null || file.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The jars a manifest's Class-Path names (an unpacked Spring Boot jar lists its lib/ so). */
    private static List<String> manifestClassPath(Path jar) {
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String name : classPath.trim().split("\\s+")) {
                    if (!name.isBlank()) {
                        found.add(jar.getParent().resolve(name).normalize().toString());
                    }
                }
            }
        } catch (IOException e) {
            // Not a jar after all: only the entry itself.
        }
        return found;
    }

    private static Path unpack(Path jar, Path unpackDir) throws IOException {
        Path unpacked = unpackDir.resolve(jar.getFileName().toString());
        if (Files.isRegularFile(unpacked) && Files.getLastModifiedTime(unpacked).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            return unpacked;
        }
        deleteTree(unpackDir);
        Files.createDirectories(unpackDir.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", unpackDir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new IOException("Could not unpack " + jar + " for the cluster's processes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while unpacking " + jar, e);
        }
        Files.setLastModifiedTime(unpacked, Files.getLastModifiedTime(jar));
        return unpacked;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
