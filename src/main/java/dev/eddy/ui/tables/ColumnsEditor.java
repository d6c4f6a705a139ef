package dev.eddy.ui.tables;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.eddy.table.ColumnSpec;
import java.util.ArrayList;
import java.util.List;

/** The wizard's columns: one editable row each (name, type or computed expression, a note), add and remove. */
class ColumnsEditor extends VerticalLayout {
    private final VerticalLayout rows = new VerticalLayout();
    private final List<Row> columns = new ArrayList<>();
    private final Runnable onChange;

    ColumnsEditor(Runnable onChange) {
        this.onChange = onChange;
        rows.setPadding(false);
        rows.setSpacing(false);
        rows.addClassName("eddy-wizard-columns");
        Button add = new Button("Add column", VaadinIcon.PLUS.create(), e -> {
            add(ColumnSpec.physical("", "STRING"));
            onChange.run();
        });
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        add(rows, add);
        setPadding(false);
        setSpacing(false);
    }

    void setColumns(List<ColumnSpec> specs) {
        columns.clear();
        rows.removeAll();
        specs.forEach(this::add);
    }

    List<ColumnSpec> specs() {
        return columns.stream().map(Row::spec).toList();
    }

    private void add(ColumnSpec spec) {
        Row row = new Row(spec);
        columns.add(row);
        rows.add(row);
    }

    /** One editable column. */
    private final class Row extends HorizontalLayout {
        private final TextField name = new TextField();
        private final TextField type = new TextField();
        private final String expression;
        private final String computedType;
        private final String note;

        Row(ColumnSpec spec) {
            this.expression = spec.expression();
            this.computedType = spec.type();
            this.note = spec.note();
            name.setValue(spec.name());
            name.setPlaceholder("name");
            name.setAriaLabel("Column name");
            name.setValueChangeMode(ValueChangeMode.LAZY);
            name.addValueChangeListener(e -> onChange.run());
            type.setValue(spec.computed() ? "AS " + spec.expression() : spec.type());
            type.setReadOnly(spec.computed());
            type.setAriaLabel("Column type");
            type.setValueChangeMode(ValueChangeMode.LAZY);
            type.addValueChangeListener(e -> onChange.run());
            type.setWidth("16em");
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                columns.remove(this);
                rows.remove(this);
                onChange.run();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setAriaLabel("Remove column");
            Div hint = new Div();
            hint.setText(note == null ? "" : note);
            hint.addClassName("eddy-status");
            add(name, type, remove, hint);
            setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
            setWidthFull();
            addClassName("eddy-wizard-column");
        }

        ColumnSpec spec() {
            return new ColumnSpec(name.getValue().strip(), expression != null ? computedType : type.getValue().strip(),
                    expression, note);
        }
    }
}
