package dev.eddy.ui.integrations;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.eddy.integration.TopicMessage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Messages of a topic, one per row; a click opens the whole value (JSON pretty-printed). */
public class MessagesGrid extends Grid<TopicMessage> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private ZoneId zone = ZoneId.systemDefault();

    public MessagesGrid() {
        addColumn(TopicMessage::partition).setHeader("Partition").setAutoWidth(true).setFlexGrow(0);
        addColumn(TopicMessage::offset).setHeader("Offset").setAutoWidth(true).setFlexGrow(0);
        addColumn(m -> TIME.withZone(zone).format(m.timestamp())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        addColumn(m -> m.key() == null ? "" : m.key()).setHeader("Key").setAutoWidth(true);
        addColumn(m -> m.value() == null ? "NULL" : m.value().replaceAll("\\s+", " ")).setHeader("Value")
                .setFlexGrow(4);
        setItemDetailsRenderer(new ComponentRenderer<>(m -> new Pre(m.value() == null ? "NULL" : m.value())));
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        addClassName("eddy-messages");
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }
}
