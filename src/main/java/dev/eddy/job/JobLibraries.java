package dev.eddy.job;

import dev.eddy.function.FunctionLibraries;
import dev.eddy.function.LibraryVersion;
import dev.eddy.function.RegisteredFunctions;
import dev.eddy.sql.FunctionCalls;
import dev.eddy.table.EddyCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Jobs and the function libraries whose functions they call: the library versions a job version was
 * deployed with, and the libraries uploaded anew since (the job keeps its code until redeployed).
 */
@Component
class JobLibraries {
    private final RegisteredFunctions functions;
    private final FunctionLibraries libraries;
    private final JobRepository store;
    private final org.springframework.beans.factory.ObjectProvider<dev.eddy.table.CatalogSlot> localGateway;

    JobLibraries(RegisteredFunctions functions, FunctionLibraries libraries, JobRepository store,
            org.springframework.beans.factory.ObjectProvider<dev.eddy.table.CatalogSlot> localGateway) {
        this.functions = functions;
        this.libraries = libraries;
        this.store = store;
        this.localGateway = localGateway;
    }

    /**
     * Statements that bind the functions a job version calls to the library versions it was deployed
     * with, where a newer one is registered now: a restart (after a crash, Eddy's own restart, or the
     * Restart button) runs the code the version was made with; only a redeploy takes the new one.
     * Temporary functions of the job's session shadow the catalog's. Only with Eddy's own gateway,
     * which reads the JAR files Eddy writes; a remote gateway runs the registered version.
     */
    List<String> pins(JobVersion version) {
        dev.eddy.table.CatalogSlot gateway = localGateway.getIfAvailable();
        if (gateway == null || version.libraryVersions().isEmpty()) {
            return List.of();
        }
        Set<String> called = FunctionCalls.in(version.statement());
        List<String> pins = new java.util.ArrayList<>();
        for (RegisteredFunctions.Registered f : functions.all()) {
            Integer madeWith = f.library() == null ? null : version.libraryVersions().get(f.library());
            if (calls(called, f) && madeWith != null && !madeWith.equals(f.version())) {
                pins.add("CREATE TEMPORARY FUNCTION `" + EddyCatalog.NAME + "`.`" + f.database() + "`.`" + f.name()
                        + "` AS '" + f.className() + "' LANGUAGE JAVA USING JAR '"
                        + gateway.jarUri(f.library(), madeWith) + "'");
            }
        }
        return pins;
    }

    /** The version of each library a function the statement calls comes from, as registered now. */
    Map<String, Integer> versionsOf(String sql) {
        Set<String> called = FunctionCalls.in(sql);
        Map<String, Integer> versions = new TreeMap<>();
        if (called.isEmpty()) {
            return versions;
        }
        for (RegisteredFunctions.Registered f : functions.all()) {
            if (calls(called, f) && f.library() != null) {
                versions.merge(f.library(), f.version(), Math::max);
            }
        }
        return versions;
    }

    /** Whether a statement calling {@code called} (as FunctionCalls reads them) calls the function. */
    private static boolean calls(Set<String> called, RegisteredFunctions.Registered f) {
        return called.contains(EddyCatalog.NAME + "." + f.database() + "." + f.name())
                || called.contains(f.database() + "." + f.name())
                || (f.database().equals(EddyCatalog.DEFAULT_DATABASE) && called.contains(f.name()));
    }

    List<String> olderLibraries(Job job) {
        int v = job.runningVersion() != null ? job.runningVersion() : job.version();
        Map<String, Integer> used = store.version(job.id(), v).map(JobVersion::libraryVersions).orElse(Map.of());
        if (used.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> latest = libraries.latestVersions().stream()
                .collect(Collectors.toMap(LibraryVersion::library, LibraryVersion::version));
        return used.entrySet().stream().filter(e -> latest.getOrDefault(e.getKey(), 0) > e.getValue())
                .map(e -> e.getKey() + " (v" + e.getValue() + ", now v" + latest.get(e.getKey()) + ")").toList();
    }
}
