package dev.eddy.function;

/** The kinds of Flink user-defined function, by the class a function extends. */
public enum FunctionKind {
    SCALAR("scalar", "org/apache/flink/table/functions/ScalarFunction"),
    TABLE("table", "org/apache/flink/table/functions/TableFunction"),
    AGGREGATE("aggregate", "org/apache/flink/table/functions/AggregateFunction"),
    TABLE_AGGREGATE("table aggregate", "org/apache/flink/table/functions/TableAggregateFunction"),
    ASYNC_SCALAR("async scalar", "org/apache/flink/table/functions/AsyncScalarFunction"),
    ASYNC_TABLE("async table", "org/apache/flink/table/functions/AsyncTableFunction");

    private final String label;
    private final String baseClass;

    FunctionKind(String label, String baseClass) {
        this.label = label;
        this.baseClass = baseClass;
    }

    public String label() {
        return label;
    }

    /** The kind whose base class has this internal name (a/b/C), or null. */
    static FunctionKind ofBaseClass(String internalName) {
        for (FunctionKind k : values()) {
            if (k.baseClass.equals(internalName)) {
                return k;
            }
        }
        return null;
    }
}
