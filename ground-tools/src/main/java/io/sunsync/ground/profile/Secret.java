package io.sunsync.ground.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret value (a password) that never shows itself: {@link #toString()} is a mask, so a
 * secret that ends up in a log line, an exception message or {@code --show-config} stays
 * hidden. Immutable; thread safe.
 */
public final class Secret {
    /** What every secret prints as. */
    public static final String MASK = "********";

    private final char[] value;
    private final String origin;

    /**
     * @param value  the secret characters (copied)
     * @param origin where it came from, for display (e.g. {@code file /etc/sunsync/pw}, {@code env SUNSYNC_PW})
     */
    public Secret(char[] value, String origin) {
        this.value = value.clone();
        this.origin = origin;
    }

    /** The secret's characters (a copy the caller may wipe). */
    public char[] chars() {
        return value.clone();
    }

    /** The secret as UTF-8 bytes (a copy), e.g. for an MQTT password. */
    public byte[] utf8() {
        return new String(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Where the secret came from, never its value. */
    public String origin() {
        return origin;
    }

    /** True if the secret is empty. */
    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return MASK + " (" + origin + ")";
    }
}
