package dev.eddy.ui.schema;

import dev.eddy.catalog.SchemaNode;
import java.util.ArrayList;
import java.util.List;

/** Keeps the nodes whose name matches, with their ancestors so the tree still reads. */
final class SchemaFilter {
    private SchemaFilter() {}

    static List<SchemaNode> keep(List<SchemaNode> nodes, String lowerCaseText) {
        List<SchemaNode> kept = new ArrayList<>();
        for (SchemaNode n : nodes) {
            if (n.label().toLowerCase().contains(lowerCaseText)) {
                kept.add(n);
            } else {
                List<SchemaNode> children = keep(n.children(), lowerCaseText);
                if (!children.isEmpty()) {
                    kept.add(new SchemaNode(n.path(), n.label(), n.kind(), n.detail(), n.name(), children));
                }
            }
        }
        return kept;
    }
}
