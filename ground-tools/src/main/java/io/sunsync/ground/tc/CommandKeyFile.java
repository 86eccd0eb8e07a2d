package io.sunsync.ground.tc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A satellite's command key file, as flight reads it: {@code {"sat": ID, "keys": [{"id": N, "hex":
 * "64 hex digits"}, ...]}}. Key bytes never appear in {@code toString()} or exception messages.
 * Immutable; thread safe.
 */
public final class CommandKeyFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final String sat;
    private final Map<Integer, byte[]> keys;

    private CommandKeyFile(String sat, Map<Integer, byte[]> keys) {
        this.sat = sat;
        this.keys = keys;
    }

    /** Reads a key file. */
    public static CommandKeyFile read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("key file " + file + " is not readable JSON");
        }
        Map<Integer, byte[]> keys = new TreeMap<>();
        for (JsonNode k : root.path("keys")) {
            String hex = k.path("hex").asText("");
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new IOException("key file " + file + ": key " + k.path("id").asInt() + " is not 64 hex digits");
            }
            keys.put(k.path("id").asInt(), HEX.parseHex(hex.toLowerCase()));
        }
        if (keys.isEmpty() || root.path("sat").asText().isEmpty()) {
            throw new IOException("key file " + file + " needs sat and at least one key");
        }
        return new CommandKeyFile(root.path("sat").asText(), keys);
    }

    /**
     * Writes a new key file for {@code sat} with {@code count} random 256-bit keys (ids 1..count),
     * readable by its owner only.
     */
    public static CommandKeyFile generate(Path file, String sat, int count) throws IOException {
        SecureRandom random = new SecureRandom();
        Map<Integer, byte[]> keys = new TreeMap<>();
        StringBuilder json = new StringBuilder("{\"sat\": \"").append(sat).append("\", \"keys\": [");
        for (int id = 1; id <= count; id++) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            keys.put(id, k);
            json.append(id == 1 ? "" : ", ").append("{\"id\": ").append(id).append(", \"hex\": \"")
                    .append(HEX.formatHex(k)).append("\"}");
        }
        json.append("]}\n");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, json);
        return new CommandKeyFile(sat, keys);
    }

    /** The satellite the keys are for. */
    public String sat() {
        return sat;
    }

    /** The key ids in the file. */
    public java.util.Set<Integer> keyIds() {
        return java.util.Collections.unmodifiableSet(keys.keySet());
    }

    /**
     * True when {@code mac} is the HMAC-SHA256 of {@code data} under key {@code id} (compared in
     * constant time); false when the file has no such key. The key bytes stay inside.
     */
    public boolean verifies(int id, byte[] data, byte[] mac) {
        byte[] key = keys.get(id);
        return key != null && java.security.MessageDigest.isEqual(CommandSigner.hmac(key, data), mac);
    }

    /** HMAC-SHA256 of {@code data} under key {@code id} (for signing test telemetry); the file must have the key. */
    public byte[] mac(int id, byte[] data) {
        byte[] key = keys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("no key " + id + " in the key file for " + sat);
        }
        return CommandSigner.hmac(key, data);
    }

    /** A signer with key {@code id}. */
    public CommandSigner signer(int id) {
        byte[] key = keys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("no key " + id + " in the key file for " + sat);
        }
        return new CommandSigner(sat, id, key);
    }

    @Override
    public String toString() {
        return "CommandKeyFile[sat=" + sat + ", keyIds=" + keys.keySet() + "]";
    }
}
