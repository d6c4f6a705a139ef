package dev.eddy.table;

import java.util.List;

/** Tables Eddy creates in its catalog at start unless they exist (the embedded stack's samples). */
public interface TableSeed {
    /** {@code CREATE TABLE IF NOT EXISTS …} statements; a table the user changed is left as it is. */
    List<String> tables();
}
