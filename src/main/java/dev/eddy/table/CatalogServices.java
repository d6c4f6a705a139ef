package dev.eddy.table;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Hands Eddy's store and integrations to the embedded gateway's {@link CatalogSlot}, when there is one. */
@Component
final class CatalogServices {

    CatalogServices(CatalogRepository store, ConnectionResolver connections, ObjectProvider<CatalogSlot> slots) {
        slots.ifAvailable(slot -> slot.fill(store, connections));
    }
}
