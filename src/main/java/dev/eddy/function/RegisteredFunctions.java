package dev.eddy.function;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.GatewaySession;
import dev.eddy.gateway.GatewaySessions;
import dev.eddy.gateway.UserFunctions;
import dev.eddy.security.Requires;
import dev.eddy.security.Role;
import dev.eddy.sql.FlinkVocabulary;
import dev.eddy.table.CatalogRepository.StoredFunction;
import dev.eddy.table.CatalogRepository;
import dev.eddy.table.EddyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The functions of Eddy's catalog: a library's function registered under a name (kept in the store,
 * so every session, job and Flink SQL Client sees it, across restarts), and functions created with
 * {@code CREATE FUNCTION} in SQL. A registration is proven by Flink loading the class before it stays.
 */
@Service
public class RegisteredFunctions implements UserFunctions {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DATABASE = EddyCatalog.DEFAULT_DATABASE;
    private final CatalogRepository catalog;
    private final FunctionLibraries libraries;
    private final GatewaySessions sessions;

    RegisteredFunctions(CatalogRepository catalog, FunctionLibraries libraries, GatewaySessions sessions) {
        this.catalog = catalog;
        this.libraries = libraries;
        this.sessions = sessions;
    }

    /** A function of the catalog, with the library version it comes from when it does. */
    public record Registered(String database, String name, String className, String library, Integer version,
            Integer latestVersion, FunctionKind kind, List<String> signatures, List<String> jars) {
        /** The name to call it by from the default database, or fully qualified from another one. */
        public String callName() {
            return DATABASE.equals(database) ? name : EddyCatalog.NAME + "." + database + "." + name;
        }

        /** "string-functions v2", or the JARs a SQL statement gave. */
        public String source() {
            return library != null ? library + " v" + version : jars.isEmpty() ? "class path" : String.join(", ", jars);
        }

        /** A newer version of its library is uploaded but has no such class: it stays on this one. */
        public boolean behindLatest() {
            return library != null && latestVersion != null && latestVersion > version;
        }
    }

    /** Every function of Eddy's catalog, by database and name. */
    @Requires(Role.VIEWER)
    public List<Registered> list() {
        return all();
    }

    /** For the schema tree, completion and error texts: what every viewer of the catalog may see. */
    @Override
    public List<UserFunctions.Described> describe() {
        return all().stream().map(r -> new UserFunctions.Described(EddyCatalog.NAME, r.database(), r.name(),
                r.className(), r.source(), r.kind() == null ? null : r.kind().label().toLowerCase(Locale.ROOT),
                r.signatures())).toList();
    }

    /** The same, for Eddy's own work (job records, error texts) with no user acting. */
    public List<Registered> all() {
        Map<String, LibraryVersion> latest = libraries.latestVersions().stream()
                .collect(Collectors.toMap(LibraryVersion::library, Function.identity()));
        List<Registered> out = new ArrayList<>();
        for (StoredFunction f : catalog.functions()) {
            if (!f.fromLibrary()) {
                out.add(new Registered(f.database(), f.name(), f.className(), null, null, null, null, List.of(),
                        f.resources()));
                continue;
            }
            LibraryVersion newest = latest.get(f.library());
            Optional<FunctionSignature> signature = libraries.signatureIn(f.library(), f.libraryVersion(), f.className());
            out.add(new Registered(f.database(), f.name(), f.className(), f.library(), f.libraryVersion(),
                    newest == null ? null : newest.version(), signature.map(FunctionSignature::kind).orElse(null),
                    signature.map(FunctionSignature::signatures).orElse(List.of()), List.of()));
        }
        return List.copyOf(out);
    }

    /**
     * Registers {@code className} of the latest version of {@code library} as the catalog function
     * {@code name}, once Flink has loaded it.
     *
     * @throws FunctionLibraryException in words: a wrong or taken name, a class not in the library, or
     *         Flink's reason for not loading it
     */
    @Requires(value = Role.ADMIN, action = "Registering a function")
    public Registered register(String library, String className, String name) {
        String fn = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(fn).matches()) {
            throw new FunctionLibraryException("A function's name is letters, digits and underscores, starting with a "
                    + "letter (e.g. shout); got '" + name + "'");
        }
        if (FlinkVocabulary.get().functions().containsKey(fn.toUpperCase(Locale.ROOT))) {
            throw new FunctionLibraryException(fn.toUpperCase(Locale.ROOT) + " is one of Flink's own functions, which "
                    + "come first when a query calls it: choose another name");
        }
        LibraryVersion latest = libraries.versions(library).get(0);
        FunctionSignature function = latest.functions().stream().filter(f -> f.className().equals(className))
                .findFirst().orElseThrow(() -> new FunctionLibraryException("Version " + latest.version() + " of "
                        + library + " has no function class " + className + "; it has "
                        + latest.functions().stream().map(FunctionSignature::className).collect(Collectors.joining(", "))));
        catalog.function(DATABASE, fn).ifPresent(taken -> {
            throw new FunctionLibraryException("There is already a function named " + fn + " ("
                    + (taken.fromLibrary() ? taken.library() + " v" + taken.libraryVersion() : taken.className())
                    + "): drop it first, or choose another name");
        });
        if (!catalog.createFunction(new StoredFunction(DATABASE, fn, className, "JAVA", List.of(), Map.of(), library,
                latest.version()))) {
            throw new FunctionLibraryException("There is already a function named " + fn);
        }
        try (GatewaySession session = sessions.open("eddy-functions")) {
            // DESCRIBE makes Flink fetch the JAR through the catalog, load the class and read its type inference.
            session.run("DESCRIBE FUNCTION EXTENDED `" + EddyCatalog.NAME + "`.`" + DATABASE + "`.`" + fn + "`", 100);
        } catch (GatewayException e) {
            catalog.dropFunction(DATABASE, fn);
            throw new FunctionLibraryException("Flink could not use " + className + " from " + library + " v"
                    + latest.version() + " as a function: " + e.getMessage() + e.hint().map(h -> " (" + h + ")").orElse(""));
        }
        return all().stream().filter(r -> r.name().equals(fn) && r.database().equals(DATABASE)).findFirst()
                .orElseThrow();
    }

    /** Drops a function of Eddy's catalog; running jobs keep the code they started with. */
    @Requires(value = Role.ADMIN, action = "Dropping a function")
    public void drop(String name) {
        String fn = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!catalog.dropFunction(DATABASE, fn)) {
            throw FunctionLibraryException.missing("There is no function named " + fn + " in Eddy's catalog");
        }
    }
}
