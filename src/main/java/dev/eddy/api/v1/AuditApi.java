package dev.eddy.api.v1;

import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who did what and when, as the Audit page shows it (admin). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Who did what, when, and how it ended (admin)")
class AuditApi {
    /** The audit log is read in pages of the newest entries; further back, narrow by time. */
    private static final int MAX_READ = 10_000;
    private final AuditLog audit;

    AuditApi(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Entries newest first; user and action match a part of the text, from/to are ISO-8601 instants (admin)")
    Page<AuditEntry> search(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        if (offset + limit > MAX_READ) {
            throw new IllegalArgumentException("offset + limit may reach back " + MAX_READ + " entries at most: narrow "
                    + "the search with from/to instead");
        }
        return Page.of(audit.search(user, action, from, to, Math.max(0, offset) + Math.max(1, limit)), offset, limit);
    }
}
