package dev.eddy.gitops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The lines of a plan's diff: maps key by key, texts line by line. */
final class Diff {
    private Diff() {}

    static List<String> maps(String label, Map<String, String> before, Map<String, String> after) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String was = before.get(key);
            String now = after.get(key);
            if (was == null) {
                lines.add("+ " + label + key + ": " + now);
            } else if (now == null) {
                lines.add("- " + label + key + ": " + was);
            } else if (!was.equals(now)) {
                lines.add("~ " + label + key + ": " + was + " → " + now);
            }
        }
        return lines;
    }

    /** A line diff: lines only in {@code before} with -, only in {@code after} with +, in order. */
    static List<String> text(String before, String after) {
        List<String> was = before.lines().map(String::stripTrailing).toList();
        List<String> now = after.lines().map(String::stripTrailing).toList();
        int[][] common = new int[was.size() + 1][now.size() + 1];
        for (int i = was.size() - 1; i >= 0; i--) {
            for (int j = now.size() - 1; j >= 0; j--) {
                common[i][j] = was.get(i).equals(now.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < was.size() || j < now.size()) {
            if (i < was.size() && j < now.size() && was.get(i).equals(now.get(j))) {
                i++;
                j++;
            } else if (i < was.size() && (j == now.size() || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("- " + was.get(i++));
            } else {
                lines.add("+ " + now.get(j++));
            }
        }
        return lines;
    }

    static void field(List<String> lines, String label, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            lines.add("~ " + label + ": " + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after));
        }
    }
}
