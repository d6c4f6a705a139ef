package dev.eddy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private final SecretCipher cipher = new SecretCipher(key());

    @Test
    void roundTripsAndNeverStoresThePlainText() {
        byte[] sealed = cipher.encrypt("s3cret-pässword", "integration:a");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(cipher.decrypt(sealed, "integration:a")).isEqualTo("s3cret-pässword");
    }

    @Test
    void theSameSecretEncryptsDifferentlyEachTime() {
        assertThat(cipher.encrypt("x", "integration:a")).isNotEqualTo(cipher.encrypt("x", "integration:a"));
    }

    @Test
    void alteredBytesAreRefused() {
        byte[] sealed = cipher.encrypt("secret", "integration:a");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "integration:a")).isInstanceOf(SecretException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void anotherKeyCannotReadItAndSaysWhatToDo() {
        byte[] sealed = cipher.encrypt("secret", "integration:a");
        assertThatThrownBy(() -> new SecretCipher(key()).decrypt(sealed, "integration:a")).isInstanceOf(SecretException.class)
                .hasMessageContaining("secret key changed").hasMessageContaining("Enter the password again");
    }

    @Test
    void sealedBytesCopiedOntoAnotherIntegrationDoNotOpenThere() {
        byte[] sealed = cipher.encrypt("secret", "integration:a");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "integration:b")).isInstanceOf(SecretException.class);
    }

    @Test
    void valuesSealedBeforeContextsExistedStillOpen() throws Exception {
        byte[] key = key();
        byte[] iv = new byte[12];
        javax.crypto.Cipher legacy = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        legacy.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, iv));
        legacy.updateAAD(new byte[] {1});
        byte[] body = legacy.doFinal("old secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] stored = java.nio.ByteBuffer.allocate(1 + 12 + body.length).put((byte) 1).put(iv).put(body).array();
        assertThat(new SecretCipher(key).decrypt(stored, "integration:any")).isEqualTo("old secret");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> new SecretCipher(new byte[16])).hasMessageContaining("32 bytes");
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
