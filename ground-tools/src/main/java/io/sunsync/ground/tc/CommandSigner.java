package io.sunsync.ground.tc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs telecommands for one satellite with one key, in the format of
 * {@code docs/icd/commanding.md}: the {@code cmd} object is serialised once, its exact bytes are
 * MACed with HMAC-SHA256, and the same bytes are placed verbatim in the envelope
 * {@code {"v":1,"kid":K,"cmd":<bytes>,"mac":"<hex>"}}. The caller owns the sequence numbers
 * (persist them; after a satellite restart continue above its {@code lastSeq}).
 *
 * <p>Immutable; thread safe.
 */
public final class CommandSigner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final String sat;
    private final int kid;
    private final byte[] key;

    /**
     * @param sat satellite id
     * @param kid key id (the satellite's active key)
     * @param key the 32-byte key
     */
    public CommandSigner(String sat, int kid, byte[] key) {
        this.sat = Objects.requireNonNull(sat, "sat");
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("a command key is 32 bytes");
        }
        this.kid = kid;
        this.key = key.clone();
    }

    /** What to sign: the fields of the {@code cmd} object besides {@code sat}. */
    public record Command(long seq, String name, JsonNode args, Instant expires, Instant notBefore, String arm) {
        public Command {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expires, "expires");
            args = args == null ? JSON.createObjectNode() : args;
        }

        /** A command without notBefore or arm token. */
        public static Command of(long seq, String name, JsonNode args, Instant expires) {
            return new Command(seq, name, args, expires, null, null);
        }

        /** The same command carrying {@code token} (for arm-then-execute). */
        public Command armedWith(String token) {
            return new Command(seq, name, args, expires, notBefore, token);
        }
    }

    /** The envelope bytes to publish on {@code sunsync/{sat}/tc}. */
    public byte[] sign(Command c) {
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("sat", sat);
        cmd.put("seq", c.seq());
        cmd.put("name", c.name());
        cmd.set("args", c.args());
        if (c.notBefore() != null) {
            cmd.put("notBefore", c.notBefore().toString());
        }
        cmd.put("expires", c.expires().toString());
        if (c.arm() != null) {
            cmd.put("arm", c.arm());
        }
        try {
            return envelope(JSON.writeValueAsBytes(cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps already-serialised {@code cmd} bytes, unchanged, with their MAC. */
    public byte[] envelope(byte[] cmdBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(cmdBytes.length + 100);
        out.writeBytes(("{\"v\":1,\"kid\":" + kid + ",\"cmd\":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(cmdBytes);
        out.writeBytes((",\"mac\":\"" + HEX.formatHex(hmac(key, cmdBytes)) + "\"}").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public String sat() {
        return sat;
    }

    public int keyId() {
        return kid;
    }

    @Override
    public String toString() {
        return "CommandSigner[sat=" + sat + ", kid=" + kid + "]";
    }
}
