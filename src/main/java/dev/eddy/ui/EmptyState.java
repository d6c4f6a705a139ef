package dev.eddy.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** What an empty page shows: one sentence on what goes there, and the button that fills it. */
public class EmptyState extends VerticalLayout {

    public EmptyState(String sentence, String action, String route) {
        Paragraph text = new Paragraph(sentence);
        text.addClassName("eddy-empty-text");
        Button go = new Button(action, e -> getUI().ifPresent(ui -> ui.navigate(route)));
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(text, go);
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("eddy-empty");
        setSizeFull();
    }
}
