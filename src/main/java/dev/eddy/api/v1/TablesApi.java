package dev.eddy.api.v1;

import dev.eddy.table.TableDraft;
import dev.eddy.table.TableInfo;
import dev.eddy.table.TableService;
import dev.eddy.table.TableUsage;
import dev.eddy.table.TableVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tables of Eddy's catalog over HTTP: infer, create from a draft, read, change, versions, which jobs use them, drop. */
@RestController
@RequestMapping("/api/v1/tables")
@Tag(name = "Tables", description = "Flink tables in Eddy's catalog over topics and PostgreSQL tables")
class TablesApi {
    private final TableService tables;

    TablesApi(TableService tables) {
        this.tables = tables;
    }

    @GetMapping
    @Operation(summary = "Every table of Eddy's catalog (viewer)")
    List<TableInfo> list() {
        return tables.list();
    }

    /** Where to infer columns from: a topic (with the format its messages are in) or a PostgreSQL table. */
    record InferRequest(String integration, String topic, String format, Integer messages, String table) {}

    /** The Flink DDL a draft creates. */
    record Ddl(String ddl) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a table from a draft (the console's wizard fields) (developer)")
    TableInfo create(@RequestBody TableDraft draft) {
        return tables.create(draft);
    }

    @PostMapping("/ddl")
    @Operation(summary = "The Flink DDL a draft would create, without creating it (viewer)")
    Ddl ddl(@RequestBody TableDraft draft) {
        return new Ddl(tables.ddl(draft));
    }

    @PostMapping("/infer/topic")
    @Operation(summary = "A topic's latest messages (20 unless told) and the columns they suggest for a format (developer)")
    TableService.TopicSample inferFromTopic(@RequestBody InferRequest request) {
        int count = request.messages() == null ? 20 : request.messages();
        if (count < 1 || count > 500) {
            throw new IllegalArgumentException("messages must be between 1 and 500, not " + count);
        }
        return tables.sampleTopic(request.integration(), request.topic(),
                request.format() == null ? "json" : request.format(), count);
    }

    @PostMapping("/infer/postgres")
    @Operation(summary = "The columns and primary key of a PostgreSQL table as Flink types, with notes (developer)")
    TableService.TableShape inferFromPostgres(@RequestBody InferRequest request) {
        return tables.fromPostgres(request.integration(), request.table());
    }

    @GetMapping("/{name}/draft")
    @Operation(summary = "The table as a draft, to change and PUT back (viewer)")
    TableDraft draft(@PathVariable String name) {
        return tables.draftOf(name);
    }

    @PutMapping("/{name}")
    @Operation(summary = "Change a table to this draft: a new version; jobs made against the old one are flagged (developer)")
    TableInfo update(@PathVariable String name, @RequestBody TableDraft draft) {
        return tables.update(name, draft);
    }

    @GetMapping("/{name}")
    @Operation(summary = "One table (viewer)")
    TableInfo get(@PathVariable String name) {
        return tables.get(name);
    }

    @GetMapping("/{name}/versions")
    @Operation(summary = "Every version of the table, oldest first, with what changed (viewer)")
    List<TableVersion> versions(@PathVariable String name) {
        return tables.versions(name);
    }

    @GetMapping("/{name}/jobs")
    @Operation(summary = "The jobs that read or write the table (viewer)")
    List<TableUsage.TableUser> jobs(@PathVariable String name) {
        return tables.jobsUsing(name);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Drop a table no job uses (developer)")
    void drop(@PathVariable String name) {
        tables.drop(name);
    }
}
