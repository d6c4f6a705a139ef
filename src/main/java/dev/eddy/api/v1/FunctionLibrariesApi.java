package dev.eddy.api.v1;

import dev.eddy.function.FunctionLibraries;
import dev.eddy.function.LibraryVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Libraries of user-defined functions over HTTP: upload a JAR as a new version (admin), list, read, delete. */
@RestController
@RequestMapping("/api/v1/function-libraries")
@Tag(name = "Function libraries", description = "JARs of user-defined functions and the functions read from them")
class FunctionLibrariesApi {
    private final FunctionLibraries libraries;

    FunctionLibrariesApi(FunctionLibraries libraries) {
        this.libraries = libraries;
    }

    @GetMapping
    @Operation(summary = "Every library as its latest version, with its functions (viewer)")
    List<LibraryVersion> list() {
        return libraries.list();
    }

    @GetMapping("/{name}")
    @Operation(summary = "A library's versions, newest first, each with what changed from the one before (viewer)")
    List<LibraryVersion> versions(@PathVariable String name) {
        return libraries.versions(name);
    }

    @PutMapping(value = "/{name}", consumes = {"application/java-archive", "application/octet-stream"})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a JAR (the request body) as the library's next version (admin); file names the upload")
    LibraryVersion upload(@PathVariable String name, @RequestParam String file, @RequestBody byte[] jar) {
        return libraries.upload(name, file, jar);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a library and every version of it (admin)")
    void delete(@PathVariable String name) {
        libraries.delete(name);
    }
}
