package dev.eddy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code eddy jobs}: list jobs, or stop (with a savepoint) or restart one by name. */
@Command(name = "jobs", description = "List jobs; 'eddy jobs stop NAME' stops one with a savepoint, "
        + "'eddy jobs restart NAME' starts it again from its newest state.")
final class JobsCommand implements Callable<Integer> {
    @ParentCommand
    EddyCli eddy;
    @Parameters(index = "0", arity = "0..1", description = "list (default), stop or restart")
    String action = "list";
    @Parameters(index = "1", arity = "0..1", description = "The job's name")
    String name;

    @Override
    public Integer call() {
        ApiClient api = eddy.config.client();
        switch (action) {
            case "list" -> {
                JsonNode page = api.get("/api/v1/jobs?limit=500");
                eddy.out.printf("%-32s %-10s %-8s %s%n", "NAME", "STATE", "VERSION", "WANTED");
                for (JsonNode job : page.path("items")) {
                    eddy.out.printf("%-32s %-10s %-8s %s%n", job.path("name").asText(), job.path("state").asText(),
                            job.path("version").asText(), job.path("desiredState").asText().toLowerCase());
                }
                return 0;
            }
            case "stop" -> {
                JsonNode savepoint = api.post("/api/v1/jobs/" + id(api) + "/stop", Map.of());
                eddy.out.println("Stopped " + name + " with a savepoint at " + savepoint.path("path").asText());
                return 0;
            }
            case "restart" -> {
                JsonNode job = api.post("/api/v1/jobs/" + id(api) + "/restart", Map.of());
                eddy.out.println("Restarted " + name + " (version " + job.path("version").asText() + ")");
                return 0;
            }
            default -> throw new CliException("eddy jobs takes list, stop NAME or restart NAME, not " + action);
        }
    }

    private long id(ApiClient api) {
        if (name == null) {
            throw new CliException("Name the job: eddy jobs " + action + " NAME");
        }
        JsonNode page = api.get("/api/v1/jobs?name=" + ApiClient.query(name) + "&limit=500");
        for (JsonNode job : page.path("items")) {
            if (job.path("name").asText().equals(name)) {
                return job.path("id").asLong();
            }
        }
        throw new CliException("There is no job named " + name + ": eddy jobs lists them.");
    }
}
