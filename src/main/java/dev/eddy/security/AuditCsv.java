package dev.eddy.security;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The audit log as CSV (RFC 4180), for a spreadsheet or another system. */
public final class AuditCsv {
    private AuditCsv() {}

    public static void write(List<AuditEntry> entries, Writer out) throws IOException {
        out.write("time,user,action,target,outcome,detail\r\n");
        for (AuditEntry e : entries) {
            out.write(String.join(",", field(e.at().toString()), field(e.username()), field(e.action()),
                    field(e.target()), field(e.outcome().name()), field(e.detail())));
            out.write("\r\n");
        }
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        // A leading = + - @ would run as a formula in a spreadsheet: the audit log must not.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
