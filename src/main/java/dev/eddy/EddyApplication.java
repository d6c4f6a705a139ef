package dev.eddy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Eddy: the console, and the embedded stack unless remote mode is configured. */
@SpringBootApplication
public class EddyApplication {
    public static void main(String[] args) {
        SpringApplication.run(EddyApplication.class, args);
    }
}
