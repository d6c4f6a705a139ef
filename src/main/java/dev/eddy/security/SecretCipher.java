package dev.eddy.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for Eddy's store with AES-256-GCM (the JDK's implementation): a fresh random
 * IV per value, and a tag that makes any change to the stored bytes, or a different key, fail loudly.
 * Each value is bound to its context (the integration it belongs to) as associated data: sealed
 * bytes copied onto another integration's row do not decrypt there.
 */
public final class SecretCipher {
    /** Version 1 sealed values without context; kept readable, rewritten as 2 on the next save. */
    private static final byte LEGACY = 1;
    private static final byte VERSION = 2;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The secret key must be 32 bytes (256 bits), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The cipher for a key written as base64 of 32 bytes; {@code where} names the setting in the message. */
    public static SecretCipher fromBase64(String text, String where) {
        try {
            return new SecretCipher(java.util.Base64.getDecoder().decode(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " must be the base64 of 32 random bytes (e.g. the output of: "
                    + "openssl rand -base64 32): " + e.getMessage(), e);
        }
    }

    public byte[] encrypt(String plain, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associated(VERSION, context));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret: " + e.getMessage(), e);
        }
    }

    public String decrypt(byte[] stored, String context) {
        if (stored.length < 1 + IV_BYTES || stored[0] != VERSION && stored[0] != LEGACY) {
            throw new SecretException("A stored secret is not in a format Eddy knows");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
            cipher.updateAAD(stored[0] == LEGACY ? new byte[] {LEGACY} : associated(VERSION, context));
            byte[] plain = cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretException("A stored secret cannot be decrypted with this key: the secret key changed "
                    + "(eddy.security.secret-key or its key file), or the stored value was altered or copied from "
                    + "elsewhere. Enter the password again to store it under the current key.");
        } catch (GeneralSecurityException e) {
            throw new SecretException("A stored secret cannot be decrypted: " + e.getMessage());
        }
    }

    private static byte[] associated(byte version, String context) {
        byte[] name = (context == null ? "" : context).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + name.length).put(version).put(name).array();
    }
}
