package dev.eddy.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateCheckTest {
    private static final String V1 = """
            == Abstract Syntax Tree ==
            LogicalSink(table=[eddy.default_database.totals], fields=[customer, EXPR$1])
            +- LogicalAggregate(group=[{0}], EXPR$1=[COUNT()])

            == Optimized Execution Plan ==
            Sink(table=[eddy.default_database.totals], fields=[customer, EXPR$1])
            +- GroupAggregate(groupBy=[customer], select=[customer, COUNT(*) AS EXPR$1])
               +- Exchange(distribution=[hash[customer]])
                  +- Calc(select=[customer], where=[(amount > 0)])
                     +- TableSourceScan(table=[[eddy, default_database, purchases]], fields=[customer, amount])
            """;

    @Test
    void aChangedFilterKeepsEveryStatefulOperatorInItsPlace() {
        StateCheck.Verdict verdict = StateCheck.compare(V1, V1.replace("(amount > 0)", "(amount > -1)"));
        assertThat(verdict.compatible()).isTrue();
        assertThat(verdict.kept()).hasSize(2).anyMatch(k -> k.startsWith("GroupAggregate(groupBy=[customer]"));
        assertThat(verdict.summary()).startsWith("The saved state maps onto the new version");
    }

    @Test
    void aNewBranchChangesTheShapeAndDropsTheSavedState() {
        String v2 = """
                == Optimized Execution Plan ==
                Sink(table=[eddy.default_database.totals], fields=[customer, EXPR$1])
                +- GroupAggregate(groupBy=[customer], select=[customer, COUNT(*) AS EXPR$1])
                   +- Exchange(distribution=[hash[customer]])
                      +- Union(all=[true], union=[customer])
                         :- Calc(select=[customer], where=[(amount > 0)])
                         :  +- TableSourceScan(table=[[eddy, default_database, purchases]], fields=[customer, amount])
                         +- Calc(select=[customer], where=[(amount < 0)])
                            +- TableSourceScan(table=[[eddy, default_database, purchases]], fields=[customer, amount])
                """;
        StateCheck.Verdict verdict = StateCheck.compare(V1, v2);
        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.dropped()).hasSize(2).anyMatch(d -> d.startsWith("GroupAggregate"))
                .anyMatch(d -> d.startsWith("TableSourceScan"));
        assertThat(verdict.summary()).contains("Flink will not find the state of").contains("aggregations from zero");
    }

    @Test
    void aChangedAggregationKeepsItsPlaceButIsFlagged() {
        StateCheck.Verdict verdict = StateCheck.compare(V1, V1.replace("COUNT(*) AS EXPR$1", "MAX(amount) AS EXPR$1"));
        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.changed()).singleElement().asString().startsWith("GroupAggregate from");
        assertThat(verdict.dropped()).isEmpty();
    }

    @Test
    void nodeIdsDoNotCount() {
        assertThat(StateCheck.compare(V1.replace("GroupAggregate(", "GroupAggregate[12]("),
                V1.replace("GroupAggregate(", "GroupAggregate[40](")).compatible()).isTrue();
    }
}
