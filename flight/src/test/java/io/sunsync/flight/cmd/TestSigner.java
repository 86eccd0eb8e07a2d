package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.flight.cmd.auth.CommandMac;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Builds signed telecommand envelopes the way docs/icd/commanding.md says (the ground's signer
 * lives in ground-tools, which flight may not see; ground-tools' cross-test proves the two agree).
 */
public final class TestSigner {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    public static final String KEY1 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    public static final String KEY2 = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    private final String sat;
    private int kid;
    private String keyHex;

    public TestSigner(String sat, int kid, String keyHex) {
        this.sat = sat;
        this.kid = kid;
        this.keyHex = keyHex;
    }

    /** Switches to another key. */
    public void use(int newKid, String newKeyHex) {
        this.kid = newKid;
        this.keyHex = newKeyHex;
    }

    /** Writes a key file with keys 1 and 2 for {@code sat}. */
    public static Path writeKeyFile(Path dir, String sat) throws IOException {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, """
                {"sat": "%s", "keys": [{"id": 1, "hex": "%s"}, {"id": 2, "hex": "%s"}]}
                """.formatted(sat, KEY1, KEY2));
        // As an operator installs it: readable by the flight user only (flight warns otherwise).
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The cmd object for {@code name}, valid until {@code expires}. */
    public ObjectNode cmd(long seq, String name, Map<String, ?> args, Instant expires) {
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("sat", sat);
        cmd.put("seq", seq);
        cmd.put("name", name);
        cmd.set("args", JSON.valueToTree(args));
        cmd.put("expires", expires.toString());
        return cmd;
    }

    /** Signs the exact bytes of {@code cmd} and wraps them in an envelope. */
    public byte[] sign(ObjectNode cmd) {
        try {
            return envelope(JSON.writeValueAsBytes(cmd), kid, keyHex);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed command. */
    public byte[] sign(long seq, String name, Map<String, ?> args, Instant expires) {
        return sign(cmd(seq, name, args, expires));
    }

    /** An envelope around {@code cmdBytes} with a MAC under {@code keyHex}. */
    public static byte[] envelope(byte[] cmdBytes, int kid, String keyHex) {
        String mac = HEX.formatHex(CommandMac.compute(HEX.parseHex(keyHex), cmdBytes));
        byte[] head = ("{\"v\":1,\"kid\":" + kid + ",\"cmd\":").getBytes(StandardCharsets.UTF_8);
        byte[] tail = (",\"mac\":\"" + mac + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + cmdBytes.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(cmdBytes, 0, out, head.length, cmdBytes.length);
        System.arraycopy(tail, 0, out, head.length + cmdBytes.length, tail.length);
        return out;
    }
}
