package dev.eddy.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether the state a job saved fits a new version's plan. Flink finds an operator's state by the
 * operator's place in the job graph (Eddy's SQL jobs carry no hand-set uids), so state maps only
 * when the execution plan keeps its shape; a stateful operator whose definition changed keeps its
 * place but may hold state of another type.
 */
public final class StateCheck {
    private static final Set<String> STATEFUL = Set.of("TableSourceScan", "GroupAggregate", "GlobalGroupAggregate",
            "IncrementalGroupAggregate", "GroupWindowAggregate", "WindowAggregate", "GlobalWindowAggregate",
            "Join", "IntervalJoin", "TemporalJoin", "WindowJoin", "Deduplicate", "Rank", "WindowRank",
            "WindowDeduplicate", "OverAggregate", "ChangelogNormalize", "Match", "SortLimit", "Limit", "Sort",
            "SinkMaterializer", "MiniBatchAssigner");

    private StateCheck() {}

    /** One line of an execution plan: its depth in the tree, the operator kind and its definition. */
    record Node(int depth, String kind, String definition) {
        boolean stateful() {
            return STATEFUL.contains(kind) || (kind.equals("Sink") && definition.contains("upsertMaterialize=[true]"));
        }
    }

    /** The verdict: which stateful operators keep their state, which lose it, which changed definition. */
    public record Verdict(List<String> kept, List<String> dropped, List<String> changed) {
        /** State maps as it is: a restore needs no consent. */
        public boolean compatible() {
            return dropped.isEmpty() && changed.isEmpty();
        }

        public String summary() {
            if (compatible()) {
                return kept.isEmpty() ? "Neither version keeps state: nothing to carry over."
                        : "The saved state maps onto the new version: " + String.join("; ", kept) + ".";
            }
            List<String> parts = new ArrayList<>();
            if (!dropped.isEmpty()) {
                parts.add("The plan changed shape, so Flink will not find the state of: " + String.join("; ", dropped)
                        + ". Deploying drops that state (sources then start from their start position, "
                        + "aggregations from zero).");
            }
            if (!changed.isEmpty()) {
                parts.add("Changed in place (their state is restored only if its type still fits, otherwise the "
                        + "job fails to start): " + String.join("; ", changed) + ".");
            }
            return String.join(" ", parts);
        }
    }

    /** Compares the plan that wrote the state with the plan that would read it (both EXPLAIN outputs). */
    public static Verdict compare(String savedPlan, String newPlan) {
        List<Node> before = executionPlan(savedPlan);
        List<Node> after = executionPlan(newPlan);
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        if (shape(before).equals(shape(after))) {
            for (int i = 0; i < before.size(); i++) {
                Node b = before.get(i);
                Node a = after.get(i);
                if (!b.stateful()) {
                    continue;
                }
                if (b.definition().equals(a.definition())) {
                    kept.add(b.kind() + describe(b));
                } else {
                    changed.add(b.kind() + " from " + describe(b).strip() + " to " + describe(a).strip());
                }
            }
        } else {
            before.stream().filter(Node::stateful).forEach(n -> dropped.add(n.kind() + describe(n)));
        }
        return new Verdict(kept, dropped, changed);
    }

    /** The nodes of the "Optimized Execution Plan" section, top (sink) first. */
    static List<Node> executionPlan(String plan) {
        int start = plan.indexOf("== Optimized Execution Plan ==");
        String section = start < 0 ? plan : plan.substring(start + "== Optimized Execution Plan ==".length());
        int next = section.indexOf("\n== ");
        if (next >= 0) {
            section = section.substring(0, next);
        }
        List<Node> nodes = new ArrayList<>();
        for (String line : section.split("\\R")) {
            int i = 0;
            while (i < line.length() && " :+-|".indexOf(line.charAt(i)) >= 0) {
                i++;
            }
            String text = line.substring(i).strip();
            int paren = text.indexOf('(');
            if (text.isEmpty() || paren <= 0) {
                continue;
            }
            // Node ids ("[12]") differ between any two plannings; they carry no meaning here.
            String definition = text.substring(paren).replaceAll("\\[\\d+]", "");
            nodes.add(new Node(i / 3, text.substring(0, paren).replaceAll("\\[\\d+]", ""), definition));
        }
        return nodes;
    }

    private static List<String> shape(List<Node> nodes) {
        return nodes.stream().map(n -> n.depth() + ":" + n.kind()).toList();
    }

    private static String describe(Node n) {
        String d = n.definition();
        return d.length() > 160 ? d.substring(0, 157) + "…)" : d;
    }
}
