package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.tc.CommandSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Telecommands signed as the ground signs them, for the benchmarks and campaigns that play the
 * ground: the ground's own {@link CommandSigner} (docs/icd/commanding.md) with one of two fixed
 * keys of one satellite, whose key file {@link #writeKeyFile} writes for flight. A {@code cmd}
 * object can be taken first ({@link #cmd}), altered, and signed as it then is (hostile commands).
 * Immutable; thread safe.
 */
public final class CampaignSigner {
    /** Key 1, the one the campaigns sign with. */
    public static final String KEY1 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    /** Key 2, in the satellite's key file but not used to sign (for wrong-key and key-rotation cases). */
    public static final String KEY2 = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    /** The name of the key file {@link #writeKeyFile} writes. */
    public static final String KEY_FILE = "keys.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final String sat;
    private final CommandSigner signer;

    /**
     * @param sat    satellite id
     * @param kid    key id the envelopes name
     * @param keyHex the key, 64 hex digits
     */
    public CampaignSigner(String sat, int kid, String keyHex) {
        this.sat = sat;
        this.signer = new CommandSigner(sat, kid, HEX.parseHex(keyHex));
    }

    /**
     * Writes flight's key file {@code dir/keys.json} for {@code sat} with keys 1 ({@link #KEY1}) and
     * 2 ({@link #KEY2}), readable by its owner only, as an operator installs it.
     */
    public static Path writeKeyFile(Path dir, String sat) throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.put("sat", sat);
        file.set("keys", JSON.valueToTree(List.of(Map.of("id", 1, "hex", KEY1), Map.of("id", 2, "hex", KEY2))));
        Path path = dir.resolve(KEY_FILE);
        Files.write(path, JSON.writeValueAsBytes(file));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return path;
    }

    /** A signed command (the envelope's bytes). */
    public byte[] sign(long seq, String name, Map<String, ?> args, Instant expires) {
        return signer.sign(CommandSigner.Command.of(seq, name, JSON.valueToTree(args), expires));
    }

    /**
     * The {@code cmd} object of {@link #sign(long, String, Map, Instant)}, as the ground's signer
     * builds it (read back from its envelope, so there is one definition of it), to alter before
     * {@link #sign(ObjectNode)}.
     */
    public ObjectNode cmd(long seq, String name, Map<String, ?> args, Instant expires) {
        try {
            return (ObjectNode) JSON.readTree(sign(seq, name, args, expires)).get("cmd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs {@code cmd} as it is. */
    public byte[] sign(ObjectNode cmd) {
        try {
            return signer.envelope(JSON.writeValueAsBytes(cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An envelope around {@code cmdBytes} naming key {@code kid} but MACed with {@code keyHex}. */
    public byte[] envelope(byte[] cmdBytes, int kid, String keyHex) {
        return new CommandSigner(sat, kid, HEX.parseHex(keyHex)).envelope(cmdBytes);
    }
}
