package dev.eddy.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    private static Path createOwnerOnly(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".secret", ".key",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: rely on the directory's protection.
            return Files.createTempFile(dir, ".secret", ".key");
        }
    }

    static byte[] keyFromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            // Born owner-only and moved into place whole: no moment where others could read it, nor a half key.
            Path draft = createOwnerOnly(dir);
            try {
                Files.writeString(draft, Base64.getEncoder().encodeToString(key));
                // A hard link appears whole and fails if another Eddy made the key first (a rename would replace it).
                Files.createLink(file, draft);
            } catch (FileAlreadyExistsException raced) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            } finally {
                Files.deleteIfExists(draft);
            }
            log.info("Created the key that encrypts stored secrets: {} (set eddy.security.secret-key to keep "
                    + "the key off this disk)", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file
                    + ": " + e.getMessage() + ". Set eddy.security.secret-key instead.", e);
        }
    }
}
