package io.sunsync.flight.cmd.auth;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and its constant-time check. Stateless and thread safe. */
public final class CommandMac {
    /** The JCA algorithm name. */
    public static final String ALGORITHM = "HmacSHA256";
    /** MAC length in bytes. */
    public static final int LENGTH = 32;

    // Mac.getInstance walks the provider list each time; one instance per thread is reused.
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    });

    private CommandMac() {
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] compute(byte[] key, byte[] data) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** True when {@code mac} is the HMAC of {@code data} under {@code key}; compares in constant time. */
    public static boolean verify(byte[] key, byte[] data, byte[] mac) {
        return MessageDigest.isEqual(compute(key, data), mac);
    }
}
