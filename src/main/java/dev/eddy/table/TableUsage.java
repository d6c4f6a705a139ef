package dev.eddy.table;

import java.util.List;

/** Who reads or writes a table, so the Tables page can show them and dropping it can be refused. */
public interface TableUsage {

    /** A job that reads or writes a table, whether it runs now, and whether it was made against an older version of it. */
    record TableUser(String job, boolean running, boolean writes, boolean olderVersion) {}

    /** The jobs whose current or running version reads or writes the table (catalog.database.table). */
    List<TableUser> jobsUsing(String qualifiedTable);
}
