package dev.eddy.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the command line finds Eddy and its token: EDDY_URL and EDDY_TOKEN (for CI), or the file
 * eddy login wrote ({@code ~/.eddy/cli.properties}, readable by its owner only).
 */
final class CliConfig {
    private final Path file;
    private final Map<String, String> env;

    CliConfig(Path home, Map<String, String> env) {
        this.file = home.resolve(".eddy").resolve("cli.properties");
        this.env = env;
    }

    Path file() {
        return file;
    }

    ApiClient client() {
        Properties saved = read();
        String url = env.getOrDefault("EDDY_URL", saved.getProperty("url"));
        String token = env.getOrDefault("EDDY_TOKEN", saved.getProperty("token"));
        if (url == null || token == null) {
            throw new CliException("Not logged in: run eddy login --url http://your-eddy:8080 (and paste an API token "
                    + "made in the console), or set EDDY_URL and EDDY_TOKEN.");
        }
        return new ApiClient(url, token);
    }

    void save(String url, String token) {
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("token", token);
        try {
            StringWriter text = new StringWriter();
            p.store(text, "eddy login");
            dev.eddy.config.OwnerOnlyFile.write(file, text.toString());
        } catch (IOException e) {
            throw new CliException("Could not save the login in " + file + ": " + e.getMessage());
        }
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new CliException("Could not read " + file + ": " + e.getMessage());
            }
        }
        return p;
    }
}
