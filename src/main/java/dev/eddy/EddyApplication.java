package dev.eddy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Eddy: the console, and the embedded stack unless remote mode is configured. */
@SpringBootApplication
public class EddyApplication {
    public static void main(String[] args) {
        // The same jar is the command line: java -jar eddy.jar plan -f spec.yaml
        if (args.length > 0 && dev.eddy.cli.EddyCli.COMMANDS.contains(args[0])) {
            dev.eddy.cli.EddyCli.main(args);
            return;
        }
        SpringApplication.run(EddyApplication.class, args);
    }
}
