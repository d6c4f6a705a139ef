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

    JobLibraries(RegisteredFunctions functions, FunctionLibraries libraries, JobRepository store) {
        this.functions = functions;
        this.libraries = libraries;
        this.store = store;
    }

    /** The version of each library a function the statement calls comes from, as registered now. */
    Map<String, Integer> versionsOf(String sql) {
        Set<String> called = FunctionCalls.in(sql);
        Map<String, Integer> versions = new TreeMap<>();
        if (called.isEmpty()) {
            return versions;
        }
        for (RegisteredFunctions.Registered f : functions.all()) {
            String qualified = EddyCatalog.NAME + "." + f.database() + "." + f.name();
            boolean calls = called.contains(qualified) || called.contains(f.database() + "." + f.name())
                    || (f.database().equals(EddyCatalog.DEFAULT_DATABASE) && called.contains(f.name()));
            if (calls && f.library() != null) {
                versions.merge(f.library(), f.version(), Math::max);
            }
        }
        return versions;
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
