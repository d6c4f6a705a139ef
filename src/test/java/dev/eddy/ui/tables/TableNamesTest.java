package dev.eddy.ui.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TableNamesTest {

    @Test
    void aTakenNameGetsTheFirstFreeNumber() {
        assertThat(TableNames.free("orders", Set.of())).isEqualTo("orders");
        assertThat(TableNames.free("orders", Set.of("orders"))).isEqualTo("orders_2");
        assertThat(TableNames.free("Orders", Set.of("orders", "orders_2"))).isEqualTo("Orders_3");
    }

    @Test
    void namesComeFromTheLastPartOfTheSource() {
        assertThat(TableNames.suggest("pg.public.accounts")).isEqualTo("accounts");
        assertThat(TableNames.suggest("order-events")).isEqualTo("order_events");
        assertThat(TableNames.suggest("2024")).isEqualTo("t_2024");
    }
}
