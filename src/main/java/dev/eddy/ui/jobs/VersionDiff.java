package dev.eddy.ui.jobs;

import dev.eddy.job.JobVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What changed from one job version to the next: statement lines and settings, as "+ …" / "− …" lines. */
final class VersionDiff {
    private VersionDiff() {}

    static List<String> between(JobVersion before, JobVersion after) {
        List<String> changes = new ArrayList<>();
        List<String> a = lines(before.statement());
        List<String> b = lines(after.statement());
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                changes.add("+ " + b.get(j++));
            } else {
                changes.add("− " + a.get(i++));
            }
        }
        Map<String, String> s1 = before.settings().options();
        Map<String, String> s2 = after.settings().options();
        for (String key : new TreeSet<>(union(s1.keySet(), s2.keySet()))) {
            if (!Objects.equals(s1.get(key), s2.get(key))) {
                changes.add(s2.containsKey(key) ? "+ SET " + key + " = " + s2.get(key) + (s1.containsKey(key) ? " (was " + s1.get(key) + ")" : "")
                        : "− SET " + key + " = " + s1.get(key));
            }
        }
        return changes;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
