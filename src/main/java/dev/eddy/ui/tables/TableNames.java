package dev.eddy.ui.tables;

import dev.eddy.table.TableInfo;
import dev.eddy.table.TableService;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The name the wizard proposes for a table: from its topic or PostgreSQL table, and one no table has yet. */
final class TableNames {
    private final TableService tables;
    private Set<String> taken;

    TableNames(TableService tables) {
        this.tables = tables;
    }

    /** A free name for a table over this topic or PostgreSQL table. */
    String proposeFor(String source) {
        return free(suggest(source), taken());
    }

    /** Whether a table has this name already (Flink's names ignore case here). */
    boolean isTaken(String name) {
        return taken().contains(name.toLowerCase(Locale.ROOT));
    }

    /** The names there are, read once per wizard. */
    private Set<String> taken() {
        if (taken == null) {
            taken = tables.list().stream().map(TableInfo::name).map(n -> n.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
        }
        return taken;
    }

    /** A Flink name from a topic or table name: the last dotted part, lower case, other characters as '_'. */
    static String suggest(String source) {
        String base = source.contains(".") ? source.substring(source.lastIndexOf('.') + 1) : source;
        String clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return clean.isEmpty() || Character.isDigit(clean.charAt(0)) ? "t_" + clean : clean;
    }

    /** The proposed name, or the first of name_2, name_3… that is not taken (names compared in lower case). */
    static String free(String proposed, Set<String> taken) {
        String candidate = proposed;
        for (int n = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = proposed + "_" + n;
        }
        return candidate;
    }
}
