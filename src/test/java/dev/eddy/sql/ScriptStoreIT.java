package dev.eddy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@EddyIntegrationTest
class ScriptStoreIT {
    @Autowired
    ScriptStore scripts;

    @Test
    void scriptsKeepTheirTextTitleAndOrder() {
        scripts.deleteAll();
        Script first = scripts.create(null, "SELECT 1");
        Script second = scripts.create(null, "");
        Script named = scripts.create("Daily report", "SELECT 2");
        assertThat(first.title()).isEqualTo("Script 1");
        assertThat(second.title()).isEqualTo("Script 2");

        scripts.saveContent(second.id(), "SELECT * FROM orders");
        scripts.rename(first.id(), "Warm-up");
        scripts.delete(named.id());

        List<Script> kept = scripts.list();
        assertThat(kept).extracting(Script::title).containsExactly("Warm-up", "Script 2");
        assertThat(kept.get(1).content()).isEqualTo("SELECT * FROM orders");
        assertThat(scripts.create(null, "").title()).isEqualTo("Script 3");
    }
}
