package dev.eddy.api.v1;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tables of Eddy's catalog over HTTP: list, read, versions, which jobs use them, drop. */
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
