package dev.eddy.api.v1;

import dev.eddy.function.RegisteredFunctions;
import dev.eddy.function.RegisteredFunctions.Registered;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The functions of Eddy's catalog over HTTP: list, register a library's function under a name (admin), drop. */
@RestController
@RequestMapping("/api/v1/functions")
@Tag(name = "Functions", description = "User-defined functions of Eddy's catalog, from function libraries or SQL")
class FunctionsApi {
    private final RegisteredFunctions functions;

    FunctionsApi(RegisteredFunctions functions) {
        this.functions = functions;
    }

    /** What to register: a function class of the library's latest version. */
    record Registration(String library, String className) {}

    @GetMapping
    @Operation(summary = "Every function of Eddy's catalog with its class, signatures and library version (viewer)")
    List<Registered> list() {
        return functions.list();
    }

    @PutMapping("/{name}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a class of a library's latest version as the catalog function {name} (admin)")
    Registered register(@PathVariable String name, @RequestBody Registration registration) {
        return functions.register(registration.library(), registration.className(), name);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Drop a function of Eddy's catalog; running jobs keep their code (admin)")
    void drop(@PathVariable String name) {
        functions.drop(name);
    }
}
