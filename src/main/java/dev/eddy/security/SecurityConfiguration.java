package dev.eddy.security;

import dev.eddy.config.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key that encrypts secrets at rest: {@code eddy.security.secret-key} (base64 of 32 bytes), or
 * else a key file made once beside the data, readable by its owner only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecretCipher secretCipher(@Value("${eddy.security.secret-key:}") String configured,
            @Value("${eddy.security.secret-key-file:${eddy.embedded.data-dir:./data}/secret.key}") Path keyFile) {
        if (!configured.isBlank()) {
            try {
                return SecretCipher.fromBase64(configured, "eddy.security.secret-key");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage());
            }
        }
        return new SecretCipher(keyFromFile(keyFile));
    }

    static byte[] keyFromFile(Path file) {
        try {
            boolean existed = Files.exists(file);
            String key = OwnerOnlyFile.readOrCreate(file, () -> {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                return Base64.getEncoder().encodeToString(fresh);
            });
            if (!existed) {
                log.info("Created the key that encrypts stored secrets: {} (set eddy.security.secret-key to keep "
                        + "the key off this disk)", file.toAbsolutePath());
            }
            return Base64.getDecoder().decode(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file
                    + ": " + e.getMessage() + ". Set eddy.security.secret-key instead.", e);
        }
    }
}
