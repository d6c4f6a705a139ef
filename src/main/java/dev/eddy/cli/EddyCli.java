package dev.eddy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.gitops.IntegrationSpec;
import dev.eddy.gitops.Spec;
import dev.eddy.gitops.SpecException;
import dev.eddy.gitops.SpecFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code eddy} on the command line, the same jar as the console: log in once, then plan and apply
 * specs, export, run SQL and manage jobs through the REST API. Exit codes CI can use: 0 done (or
 * nothing to do), 2 a plan with changes (with {@code --detailed-exitcode}), 1 an error.
 */
@Command(name = "eddy", mixinStandardHelpOptions = true, version = "eddy 1",
        description = "Eddy's command line: plan and apply specs, export, run SQL, manage jobs.",
        subcommands = {EddyCli.Login.class, EddyCli.Plan.class, EddyCli.Apply.class, EddyCli.Export.class,
            SqlCommand.class, JobsCommand.class})
public final class EddyCli {
    /** The first words that make the jar a command line rather than the console. */
    public static final Set<String> COMMANDS = Set.of("login", "plan", "apply", "export", "sql", "jobs", "help",
            "--help", "-h", "--version", "-V");
    final Map<String, String> env;
    final PrintWriter out;
    final PrintWriter err;
    final CliConfig config;
    final java.io.InputStream stdin;

    EddyCli(Map<String, String> env, PrintWriter out, PrintWriter err, Path home, java.io.InputStream stdin) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.config = new CliConfig(home, env);
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err, Path.of(System.getProperty("user.home")), System.in));
    }

    /** Runs one command; returns its exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, Path home,
            java.io.InputStream stdin) {
        CommandLine cli = new CommandLine(new EddyCli(env, out, err, home, stdin));
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliException || e instanceof SpecException) {
                err.println("Error: " + e.getMessage());
                err.flush();
                return 1;
            }
            throw e;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The values of the secrets a spec refers to: from the environment, and from a secrets file. */
    Map<String, String> secretValues(Spec spec, Path secretsFile) {
        Map<String, String> file = new LinkedHashMap<>();
        if (secretsFile != null) {
            try {
                for (String line : Files.readAllLines(secretsFile)) {
                    String l = line.strip();
                    int eq = l.indexOf('=');
                    if (!l.isEmpty() && !l.startsWith("#") && eq > 0) {
                        file.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
                    }
                }
            } catch (IOException e) {
                throw new CliException("Could not read the secrets file " + secretsFile + ": " + e.getMessage());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (IntegrationSpec integration : spec.integrations()) {
            for (IntegrationSpec.SecretRef ref : integration.secrets().values()) {
                String value = ref.env() != null ? env.get(ref.env()) : file.get(ref.file());
                if (value != null) {
                    values.put(ref.key(), value);
                }
            }
        }
        return values;
    }

    /** Reads the spec (checked here first, so a typo is told without a round trip) and posts it with its secrets. */
    JsonNode sendSpec(String route, Path file, Path secretsFile) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new CliException("Could not read the spec " + file + ": " + e.getMessage());
        }
        Spec spec = SpecFile.read(yaml);
        return config.client().post(route, Map.of("spec", yaml, "values", secretValues(spec, secretsFile)));
    }

    @Command(name = "login", description = "Remember Eddy's address and your API token (made in the console).")
    static final class Login implements Callable<Integer> {
        @ParentCommand
        EddyCli eddy;
        @Option(names = "--url", required = true, description = "Eddy's address, e.g. http://localhost:8080")
        String url;
        @Option(names = "--token", description = "The API token; without it, it is read from standard input")
        String token;

        @Override
        public Integer call() throws IOException {
            String t = token;
            if (t == null && eddy.stdin == System.in && System.console() != null) {
                // At a terminal the token is not echoed.
                char[] typed = System.console().readPassword("API token: ");
                t = typed == null ? null : new String(typed);
            } else if (t == null) {
                t = new BufferedReader(new InputStreamReader(eddy.stdin, StandardCharsets.UTF_8)).readLine();
            }
            if (t == null || t.isBlank()) {
                throw new CliException("No token given: make one in the console (your name, API tokens).");
            }
            JsonNode tokens = new ApiClient(url, t.strip()).get("/api/v1/tokens");
            eddy.config.save(url, t.strip());
            eddy.out.println("Logged in to " + url + " (" + tokens.size() + " token" + (tokens.size() == 1 ? "" : "s")
                    + " of yours); saved in " + eddy.config.file());
            return 0;
        }
    }

    @Command(name = "plan", description = "Print what applying the spec would change. Exit 0: nothing; 2: changes "
            + "(with --detailed-exitcode); 1: an error or a change that needs a decision.")
    static final class Plan implements Callable<Integer> {
        @ParentCommand
        EddyCli eddy;
        @Option(names = {"-f", "--file"}, required = true, description = "The spec (YAML)")
        Path file;
        @Option(names = "--secrets", description = "A file of NAME=value lines for the spec's {file: NAME} secrets")
        Path secrets;
        @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes")
        boolean detailed;

        @Override
        public Integer call() {
            JsonNode answer = eddy.sendSpec("/api/v1/spec/plan", file, secrets);
            eddy.out.print(answer.path("text").asText());
            if (answer.path("decisions").size() > 0) {
                return 1;
            }
            return detailed && answer.path("hasChanges").asBoolean() ? 2 : 0;
        }
    }

    @Command(name = "apply", description = "Apply the spec: integrations, tables, jobs, then deletions. Stops at the "
            + "first failure. Exit 0: applied or nothing to do; 1: refused or failed.")
    static final class Apply implements Callable<Integer> {
        @ParentCommand
        EddyCli eddy;
        @Option(names = {"-f", "--file"}, required = true, description = "The spec (YAML)")
        Path file;
        @Option(names = "--secrets", description = "A file of NAME=value lines for the spec's {file: NAME} secrets")
        Path secrets;

        @Override
        public Integer call() {
            JsonNode answer = eddy.sendSpec("/api/v1/spec/apply", file, secrets);
            eddy.out.print(answer.path("text").asText());
            return answer.path("failed").asBoolean() ? 1 : 0;
        }
    }

    @Command(name = "export", description = "Write what Eddy has as a spec of a project (secrets as references).")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        EddyCli eddy;
        @Option(names = "--project", required = true, description = "The project name the spec gets")
        String project;
        @Option(names = {"-o", "--output"}, description = "Write to this file instead of standard output")
        Path output;

        @Override
        public Integer call() throws IOException {
            String yaml = eddy.config.client().getText("/api/v1/spec/export?project=" + ApiClient.query(project));
            if (output == null) {
                eddy.out.print(yaml);
            } else {
                Files.writeString(output, yaml);
                eddy.err.println("Wrote " + output);
            }
            return 0;
        }
    }
}
