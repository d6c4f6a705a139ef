package dev.eddy.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.security.CurrentUser;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/**
 * Libraries of user-defined functions: JARs uploaded by admins, kept whole in Eddy's store with
 * their checksum, each upload a new version, with the Flink functions read from their class files
 * (never run in Eddy's JVM) and what changed from the version before.
 */
@Service
public class FunctionLibraries {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}\\.jar");
    private static final TypeReference<List<FunctionSignature>> FUNCTIONS = new TypeReference<>() {};
    private static final String COLUMNS = "library, version, file_name, sha256, size_bytes, functions, uploaded_by, uploaded_at";
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final long maxBytes;

    FunctionLibraries(JdbcTemplate jdbc, ObjectMapper json,
            @Value("${eddy.functions.max-jar-size:50MB}") DataSize maxSize) {
        this.jdbc = jdbc;
        this.json = json;
        this.maxBytes = maxSize.toBytes();
    }

    /** The largest JAR taken, in bytes. */
    @Requires(Role.VIEWER)
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Keeps {@code jar} as the next version of library {@code name} (made on its first upload).
     *
     * @throws FunctionLibraryException in words: a wrong name, not a JAR, too big, no function in it,
     *         a path out of the JAR, or the same bytes as the latest version
     */
    @Requires(value = Role.ADMIN, action = "Uploading a function library")
    @Transactional
    public LibraryVersion upload(String name, String fileName, byte[] jar) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new FunctionLibraryException("A library's name is lower case letters, digits and dashes, starting with a "
                    + "letter (e.g. string-functions)");
        }
        String file = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        if (!FILE_NAME.matcher(file).matches()) {
            throw new FunctionLibraryException("Upload a .jar file (its name letters, digits and . _ + -); got '" + file + "'");
        }
        if (jar == null || jar.length == 0) {
            throw new FunctionLibraryException("The file " + file + " is empty");
        }
        if (jar.length > maxBytes) {
            throw new FunctionLibraryException(file + " is " + DataSize.ofBytes(jar.length).toMegabytes() + " MB, more than the "
                    + DataSize.ofBytes(maxBytes).toMegabytes() + " MB Eddy takes (eddy.functions.max-jar-size): upload the "
                    + "functions without the libraries Flink already has");
        }
        JarInspector.Contents contents = JarInspector.inspect(jar);
        if (contents.functions().isEmpty()) {
            throw new FunctionLibraryException(file + " has " + contents.classes() + (contents.classes() == 1 ? " class" : " classes")
                    + " but no Flink function: a function is a public class with a public no-argument constructor that "
                    + "extends ScalarFunction, TableFunction, AggregateFunction, TableAggregateFunction or an async one");
        }
        String sha256 = sha256(jar);
        jdbc.update("INSERT INTO function_library (name, created_by) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name,
                CurrentUser.nameOrSystem());
        // The library's row, locked: two uploads at once get one version each.
        jdbc.queryForObject("SELECT name FROM function_library WHERE name = ? FOR UPDATE", String.class, name);
        List<LibraryVersion> before = jdbc.query("SELECT " + COLUMNS + " FROM function_library_version WHERE library = ? "
                + "ORDER BY version DESC LIMIT 1", this::version, name);
        if (!before.isEmpty() && before.get(0).sha256().equals(sha256)) {
            throw new FunctionLibraryException(file + " is the same JAR as version " + before.get(0).version() + " of " + name
                    + " (SHA-256 " + sha256.substring(0, 12) + "…): nothing to upload");
        }
        int version = before.isEmpty() ? 1 : before.get(0).version() + 1;
        jdbc.update("INSERT INTO function_library_version (library, version, file_name, jar, sha256, size_bytes, functions, "
                + "uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)", name, version, file, jar, sha256, jar.length,
                write(contents.functions()), CurrentUser.nameOrSystem());
        // Registered functions move to the new version when it still has their class; jobs running
        // keep the JAR they were deployed with, and Eddy flags them as on an older version.
        List<String> classes = contents.functions().stream().map(FunctionSignature::className).toList();
        jdbc.update("UPDATE catalog_function SET library_version = ?, updated_at = now() WHERE library = ? "
                + "AND class_name = ANY (?)", version, name, classes.toArray(String[]::new));
        return versions(name).get(0);
    }

    /** Every library, as its latest version. */
    @Requires(Role.VIEWER)
    public List<LibraryVersion> list() {
        return latestVersions().stream().map(latest -> versions(latest.library()).get(0)).toList();
    }

    /** A library's versions, newest first, each with what changed from the one before. */
    @Requires(Role.VIEWER)
    public List<LibraryVersion> versions(String name) {
        List<LibraryVersion> all = jdbc.query("SELECT " + COLUMNS + " FROM function_library_version WHERE library = ? "
                + "ORDER BY version", this::version, name);
        if (all.isEmpty()) {
            throw FunctionLibraryException.missing("There is no function library named " + name);
        }
        List<LibraryVersion> withChanges = new java.util.ArrayList<>();
        List<FunctionSignature> previous = null;
        for (LibraryVersion v : all) {
            LibraryVersion.Changes changes = previous == null ? new LibraryVersion.Changes(
                    v.functions().stream().map(FunctionSignature::className).toList(), List.of(), List.of())
                    : LibraryVersion.Changes.between(previous, v.functions());
            withChanges.add(0, new LibraryVersion(v.library(), v.version(), v.fileName(), v.sha256(), v.sizeBytes(),
                    v.functions(), v.uploadedBy(), v.uploadedAt(), changes));
            previous = v.functions();
        }
        return List.copyOf(withChanges);
    }

    /** Deletes a library and every version of it. */
    @Requires(value = Role.ADMIN, action = "Deleting a function library")
    public void delete(String name) {
        List<String> used = jdbc.queryForList("SELECT name FROM catalog_function WHERE library = ? ORDER BY name",
                String.class, name);
        if (!used.isEmpty()) {
            throw new FunctionLibraryException("The functions " + String.join(", ", used) + " come from " + name
                    + ": drop them first (Functions page, or DROP FUNCTION)");
        }
        if (jdbc.update("DELETE FROM function_library WHERE name = ?", name) == 0) {
            throw FunctionLibraryException.missing("There is no function library named " + name);
        }
    }

    /** The latest version of every library, for Eddy's own work (no user acting). */
    public List<LibraryVersion> latestVersions() {
        return jdbc.query("SELECT DISTINCT ON (library) " + COLUMNS + " FROM function_library_version "
                + "ORDER BY library, version DESC", this::version);
    }

    /** The function {@code className} as version {@code version} of {@code library} holds it. */
    public java.util.Optional<FunctionSignature> signatureIn(String library, int version, String className) {
        return jdbc.query("SELECT " + COLUMNS + " FROM function_library_version WHERE library = ? AND version = ?",
                this::version, library, version).stream().flatMap(v -> v.functions().stream())
                .filter(f -> f.className().equals(className)).findFirst();
    }

    /** A library's name from its file's: "String-Utils-1.2.0.jar" is string-utils. */
    public static String nameFor(String fileName) {
        String base = fileName == null ? "" : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        base = base.replaceFirst("(?i)\\.jar$", "").replaceFirst("[-_.]v?\\d+(\\.\\d+)*([-.][A-Za-z0-9]+)?$", "");
        String name = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^[^a-z]+|-+$", "");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private LibraryVersion version(ResultSet rs, int row) throws SQLException {
        List<FunctionSignature> functions;
        try {
            functions = json.readValue(rs.getString("functions"), FUNCTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable functions of " + rs.getString("library"), e);
        }
        return new LibraryVersion(rs.getString("library"), rs.getInt("version"), rs.getString("file_name"),
                rs.getString("sha256"), rs.getLong("size_bytes"), functions, rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant(), LibraryVersion.Changes.NONE);
    }

    private String write(List<FunctionSignature> functions) {
        try {
            return json.writeValueAsString(functions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
