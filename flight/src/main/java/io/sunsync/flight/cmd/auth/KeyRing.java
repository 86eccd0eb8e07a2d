package io.sunsync.flight.cmd.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.cmd.store.DurableFile;
import io.sunsync.hal.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of the satellite's keys (the command keys, or the telemetry keys): pre-loaded 256-bit keys
 * with ids, read from a key file (as SDLS keys are loaded before launch), of which exactly one is
 * active. A rotation activates another loaded key and revokes the old one for good; the active id
 * and the revoked set are persisted in the state folder so a restart keeps them.
 *
 * <p>Key file (JSON, readable by the flight user only):
 * <pre>{"sat": "sat-001", "keys": [{"id": 1, "hex": "64 hex digits"}, {"id": 2, "hex": "..."}]}</pre>
 *
 * <p>Key bytes are never logged nor shown by {@code toString()}. Thread safe.
 */
public final class KeyRing {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private record State(@JsonProperty("active") int active, @JsonProperty("revoked") List<Integer> revoked) {
    }

    /**
     * A MAC made with the active key.
     *
     * @param kid the key's id
     * @param mac the 32-byte HMAC-SHA256
     */
    public record Signature(int kid, byte[] mac) {
    }

    private final Map<Integer, byte[]> keys;
    private final String key;
    private final DurableFile stateFile;
    private int active;
    private final Set<Integer> revoked = new TreeSet<>();

    private KeyRing(Map<Integer, byte[]> keys, String key, DurableFile stateFile, int active, Set<Integer> revoked) {
        this.keys = keys;
        this.key = key;
        this.stateFile = stateFile;
        this.active = active;
        this.revoked.addAll(revoked);
    }

    /**
     * Loads the key file and the persisted key state (the lowest key id is active on first use).
     *
     * @param satelliteId the key file must name this satellite
     * @throws ConfigException naming {@code key} when the file is missing or wrong
     */
    public static KeyRing load(Path keyFile, Path stateFile, String satelliteId, String key) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(keyFile));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(key, "key file " + keyFile + " does not exist");
        } catch (IOException e) {
            // The message of a parse error could quote key material: say only where.
            throw new ConfigException(key, "key file " + keyFile + " is not readable JSON");
        }
        if (!satelliteId.equals(root.path("sat").asText())) {
            throw new ConfigException(key, "key file " + keyFile + " is for satellite '" + root.path("sat").asText()
                    + "', not '" + satelliteId + "'");
        }
        Map<Integer, byte[]> keys = new TreeMap<>();
        for (JsonNode k : root.path("keys")) {
            int id = k.path("id").asInt(0);
            String hex = k.path("hex").asText("");
            if (id < 1 || id > 65535) {
                throw new ConfigException(key, "key file " + keyFile + ": key ids must be 1..65535");
            }
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException(key, "key file " + keyFile + ": key " + id + " must be 64 hex digits (256 bits)");
            }
            if (keys.put(id, HEX.parseHex(hex.toLowerCase())) != null) {
                throw new ConfigException(key, "key file " + keyFile + ": key id " + id + " twice");
            }
        }
        if (keys.isEmpty()) {
            throw new ConfigException(key, "key file " + keyFile + " holds no keys");
        }
        warnIfOthersCanRead(keyFile, key);
        DurableFile state = new DurableFile(stateFile);
        int active = keys.keySet().iterator().next();
        Set<Integer> revoked = new TreeSet<>();
        try {
            var saved = state.read();
            if (saved.isPresent()) {
                State s = JSON.readValue(saved.get(), State.class);
                active = s.active();
                revoked.addAll(s.revoked());
            }
        } catch (IOException e) {
            throw new ConfigException(key, "key state " + stateFile + " unreadable: " + e.getMessage());
        }
        if (!keys.containsKey(active)) {
            throw new ConfigException(key, "key state says key " + active + " is active, but the key file lacks it");
        }
        LOG.info("keys of {}: {} loaded, key {} active, revoked {}", key, keys.size(), active, revoked);
        return new KeyRing(keys, key, state, active, revoked);
    }

    private static void warnIfOthersCanRead(Path keyFile, String key) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("key file {} ({}) is readable by group or others; chmod 600 it", keyFile, key);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    /** Checks {@code mac} over {@code signed}, claimed to be made with key {@code kid}. */
    public KeyCheck check(int kid, byte[] signed, byte[] mac) {
        byte[] key;
        synchronized (this) {
            if (revoked.contains(kid)) {
                return KeyCheck.KEY_REVOKED;
            }
            if (kid != active) {
                return KeyCheck.UNKNOWN_KEY;
            }
            key = keys.get(active);
        }
        return CommandMac.verify(key, signed, mac) ? KeyCheck.OK : KeyCheck.BAD_MAC;
    }

    /** HMAC-SHA256 of {@code data} under the active key, with its id. */
    public Signature sign(byte[] data) {
        int kid;
        byte[] k;
        synchronized (this) {
            kid = active;
            k = keys.get(active);
        }
        return new Signature(kid, CommandMac.compute(k, data));
    }

    /** True when any key of this ring has the same bytes as a key of {@code other} (keys must not be shared). */
    public boolean sharesAKeyWith(KeyRing other) {
        for (byte[] mine : keys.values()) {
            for (byte[] theirs : other.keys.values()) {
                if (java.util.Arrays.equals(mine, theirs)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The active key's id. */
    public synchronized int activeKeyId() {
        return active;
    }

    /** Loaded key ids. */
    public Set<Integer> loadedKeyIds() {
        return Set.copyOf(keys.keySet());
    }

    /** Revoked key ids. */
    public synchronized Set<Integer> revokedKeyIds() {
        return Set.copyOf(revoked);
    }

    /**
     * Activates key {@code kid} and revokes the one active now, persisting the change before
     * returning.
     *
     * @throws IllegalArgumentException if {@code kid} is not loaded, revoked or already active
     * @throws IOException if the new state cannot be persisted (nothing changes then)
     */
    public synchronized void rotateTo(int kid) throws IOException {
        if (!keys.containsKey(kid)) {
            throw new IllegalArgumentException("key " + kid + " is not loaded on board");
        }
        if (revoked.contains(kid)) {
            throw new IllegalArgumentException("key " + kid + " was revoked");
        }
        if (kid == active) {
            throw new IllegalArgumentException("key " + kid + " is already active");
        }
        Set<Integer> newRevoked = new TreeSet<>(revoked);
        newRevoked.add(active);
        stateFile.write(JSON.writeValueAsBytes(new State(kid, List.copyOf(newRevoked))));
        LOG.info("{}: key rotated, key {} active, key {} revoked", key, kid, active);
        revoked.add(active);
        active = kid;
    }

    @Override
    public synchronized String toString() {
        return "KeyRing[" + key + ", loaded=" + keys.keySet() + ", active=" + active + ", revoked=" + revoked + "]";
    }
}
