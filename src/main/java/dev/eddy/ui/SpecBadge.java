package dev.eddy.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * The mark of a resource a spec in Git manages: which project, and that the next apply undoes a
 * change made here, so a person editing it in the console knows before they do.
 */
public final class SpecBadge {
    private SpecBadge() {}

    /** The name followed by the badge when {@code project} is set; the name alone otherwise. */
    public static Component named(Component name, String project) {
        if (project == null) {
            return name;
        }
        Span badge = new Span("spec: " + project);
        badge.getElement().getThemeList().add("badge small");
        badge.addClassName("eddy-spec-badge");
        badge.getElement().setAttribute("title", "Managed from Git by the spec of project " + project
                + ": change it there. A change made here is undone by the next eddy apply.");
        HorizontalLayout cell = new HorizontalLayout(name, badge);
        cell.setSpacing(true);
        cell.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        cell.setPadding(false);
        return cell;
    }

    public static Component named(String name, String project) {
        return named(new Span(name), project);
    }
}
