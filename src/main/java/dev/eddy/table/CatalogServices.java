package dev.eddy.table;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Eddy's catalog store, handed to the embedded gateway's {@link CatalogSlot} when there is one.
 */
@Configuration(proxyBeanMethods = false)
class CatalogServices {

    @Bean
    CatalogRepository catalogRepository(DataSource store, ConnectionResolver connections,
            ObjectProvider<CatalogSlot> slots) {
        CatalogRepository repository = new CatalogRepository(store);
        slots.ifAvailable(slot -> slot.fill(repository, connections));
        return repository;
    }
}
