package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.support.EddyIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The catalog's changes that touch several rows happen whole or not at all. */
@EddyIntegrationTest
class CatalogRepositoryIT {
    private static final String DB = EddyCatalog.DEFAULT_DATABASE;
    @Autowired
    CatalogRepository store;

    @Test
    void aRenameOntoATakenNameChangesNeitherTableNorItsVersions() {
        String a = "atomic_a_" + UUID.randomUUID().toString().substring(0, 8);
        String b = "atomic_b_" + UUID.randomUUID().toString().substring(0, 8);
        store.createTable(DB, a, "TABLE", Map.of("connector", "datagen"));
        store.alterTable(DB, a, "TABLE", Map.of("connector", "datagen", "rows-per-second", "1"));
        store.createTable(DB, b, "TABLE", Map.of("connector", "blackhole"));
        try {
            assertThatThrownBy(() -> store.renameTable(DB, a, b)).isInstanceOf(RuntimeException.class);
            assertThat(store.versions(DB, a)).hasSize(2);
            assertThat(store.versions(DB, b)).hasSize(1);
            assertThat(store.table(DB, b).orElseThrow().properties()).containsEntry("connector", "blackhole");

            String c = a + "_renamed";
            assertThat(store.renameTable(DB, a, c)).isTrue();
            assertThat(store.versions(DB, c)).hasSize(2);
            assertThat(store.versions(DB, a)).isEmpty();
            assertThat(store.dropTable(DB, c)).isTrue();
            assertThat(store.versions(DB, c)).as("dropped with its versions").isEmpty();
        } finally {
            store.dropTable(DB, b);
            store.dropTable(DB, a);
        }
    }
}
