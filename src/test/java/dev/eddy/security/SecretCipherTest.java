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
        byte[] sealed = cipher.encrypt("s3cret-pässword");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(cipher.decrypt(sealed)).isEqualTo("s3cret-pässword");
    }

    @Test
    void theSameSecretEncryptsDifferentlyEachTime() {
        assertThat(cipher.encrypt("x")).isNotEqualTo(cipher.encrypt("x"));
    }

    @Test
    void alteredBytesAreRefused() {
        byte[] sealed = cipher.encrypt("secret");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(SecretException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void anotherKeyCannotReadItAndSaysWhatToDo() {
        byte[] sealed = cipher.encrypt("secret");
        assertThatThrownBy(() -> new SecretCipher(key()).decrypt(sealed)).isInstanceOf(SecretException.class)
                .hasMessageContaining("secret key changed").hasMessageContaining("Enter the password again");
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
