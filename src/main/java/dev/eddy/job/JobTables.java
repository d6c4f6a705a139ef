package dev.eddy.job;

import dev.eddy.table.CatalogRepository;
import dev.eddy.table.EddyCatalog;
import dev.eddy.table.TableUsage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Jobs and the tables of Eddy's catalog they read and write: the table versions a job version was
 * made against, the tables edited since, and the jobs using a table (for the Tables page and for
 * refusing to drop a table a running job uses).
 */
@Component
class JobTables implements TableUsage {
    private static final String PREFIX = EddyCatalog.NAME + "." + EddyCatalog.DEFAULT_DATABASE + ".";
    private final JobRepository store;
    private final CatalogRepository catalog;

    JobTables(JobRepository store, CatalogRepository catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** The current version of each catalog table the plan reads or writes. */
    Map<String, Integer> versionsOf(JobPlan plan) {
        Set<String> used = new LinkedHashSet<>(plan.reads());
        used.addAll(plan.writes());
        Map<String, Integer> versions = new TreeMap<>();
        for (String table : used) {
            currentVersion(table).ifPresent(v -> versions.put(table, v));
        }
        return versions;
    }

    List<String> olderTables(Job job) {
        int v = job.runningVersion() != null ? job.runningVersion() : job.version();
        return store.version(job.id(), v).map(version -> version.tableVersions().entrySet().stream()
                .flatMap(e -> currentVersion(e.getKey()).filter(now -> now > e.getValue())
                        .map(now -> shortName(e.getKey()) + " (v" + e.getValue() + ", now v" + now + ")").stream())
                .toList()).orElse(List.of());
    }

    @Override
    public List<TableUser> jobsUsing(String qualifiedTable) {
        List<TableUser> users = new ArrayList<>();
        for (Job job : store.all()) {
            int v = job.isActive() && job.runningVersion() != null ? job.runningVersion() : job.version();
            store.version(job.id(), v).ifPresent(version -> {
                boolean writes = version.writes().contains(qualifiedTable);
                if (writes || version.reads().contains(qualifiedTable)) {
                    Integer madeWith = version.tableVersions().get(qualifiedTable);
                    boolean older = madeWith != null
                            && currentVersion(qualifiedTable).filter(now -> now > madeWith).isPresent();
                    users.add(new TableUser(job.name(), job.isActive(), writes, older));
                }
            });
        }
        return users;
    }

    /** The current version of a table of Eddy's catalog (catalog.database.table), if it is one. */
    private Optional<Integer> currentVersion(String qualified) {
        String[] parts = qualified.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals(EddyCatalog.NAME)) {
            return Optional.empty();
        }
        return catalog.table(parts[1], parts[2]).map(CatalogRepository.StoredTable::version);
    }

    private static String shortName(String qualified) {
        return qualified.startsWith(PREFIX) ? qualified.substring(PREFIX.length()) : qualified;
    }
}
