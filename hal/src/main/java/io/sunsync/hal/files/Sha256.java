package io.sunsync.hal.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of bytes or of a file's content. Stateless; safe from any thread. */
public final class Sha256 {
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** The 32-byte SHA-256 of {@code data}. */
    public static byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    /** The SHA-256 of {@code data}, as 64 lower-case hex digits. */
    public static String hex(byte[] data) {
        return HEX.formatHex(digest(data));
    }

    /**
     * The 32-byte SHA-256 of a regular file's content, read in 64 KiB blocks; a link is refused,
     * not followed.
     */
    public static byte[] digest(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    /** The SHA-256 of a file's content (as {@link #digest(Path)}), as 64 lower-case hex digits. */
    public static String hex(Path file) throws IOException {
        return HEX.formatHex(digest(file));
    }

    /** A fresh SHA-256 digest, for content that arrives in pieces; one caller at a time. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
