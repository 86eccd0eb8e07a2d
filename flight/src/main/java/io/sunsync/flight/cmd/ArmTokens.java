package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Arm tokens for arm-then-execute: the {@code arm} command gets a random token bound to one
 * command name and the SHA-256 of its canonical arguments, valid for a short mission-time
 * window and usable once. Tokens live in memory only, so a reboot clears them; a mode change
 * clears them too ({@link #clear()}).
 *
 * <p>Thread safe.
 */
public final class ArmTokens {
    private static final HexFormat HEX = HexFormat.of();
    /** Tokens outstanding at most; issuing one more voids the oldest (counted). */
    public static final int MAX_OUTSTANDING = 64;

    private record Armed(String binding, Instant expires) {
    }

    /**
     * An issued token.
     *
     * @param token   32 lower-case hex digits, to put in the critical command's {@code arm} field
     * @param expires mission time after which it is void
     */
    public record Token(String token, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Armed> tokens = new LinkedHashMap<>();
    private volatile Duration lifetime;
    private final Runnable onEvicted;
    private long evicted;

    /** @param lifetime how long a token stays valid (mission time, &gt; 0) */
    public ArmTokens(Duration lifetime) {
        this(lifetime, () -> { });
    }

    /**
     * @param lifetime  how long a token stays valid (mission time, &gt; 0)
     * @param onEvicted told each time a token is voided because {@link #MAX_OUTSTANDING} were outstanding
     */
    public ArmTokens(Duration lifetime, Runnable onEvicted) {
        setLifetime(lifetime);
        this.onEvicted = onEvicted;
    }

    /** Changes how long new tokens stay valid. */
    public void setLifetime(Duration newLifetime) {
        if (newLifetime.isNegative() || newLifetime.isZero()) {
            throw new IllegalArgumentException("arm token lifetime must be > 0");
        }
        this.lifetime = newLifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Issues a token for {@code command} with exactly {@code args}. */
    public synchronized Token arm(String command, JsonNode args, Instant now) {
        tokens.values().removeIf(a -> now.isAfter(a.expires()));
        while (tokens.size() >= MAX_OUTSTANDING) {
            Iterator<String> oldest = tokens.keySet().iterator();
            oldest.next();
            oldest.remove();
            evicted++;
            onEvicted.run();
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String token = HEX.formatHex(raw);
        Instant expires = now.plus(lifetime);
        tokens.put(token, new Armed(binding(command, args), expires));
        return new Token(token, expires);
    }

    /**
     * Uses up {@code token} if it was issued for {@code command} with these {@code args} and has
     * not expired. A token that does not match is left in place (a wrong try does not disarm).
     *
     * @return null when the token is good (and is now spent), otherwise why not
     */
    public synchronized String consume(String token, String command, JsonNode args, Instant now) {
        if (token == null) {
            return "critical command " + command + " needs an arm token (send 'arm' first)";
        }
        Armed armed = tokens.get(token);
        if (armed == null) {
            return "arm token unknown, used or cleared";
        }
        if (now.isAfter(armed.expires())) {
            tokens.remove(token);
            return "arm token expired at " + armed.expires();
        }
        if (!MessageDigest.isEqual(armed.binding().getBytes(StandardCharsets.US_ASCII),
                binding(command, args).getBytes(StandardCharsets.US_ASCII))) {
            return "arm token was issued for another command or other arguments";
        }
        tokens.remove(token);
        return null;
    }

    /** Voids every token (mode change). */
    public synchronized void clear() {
        tokens.clear();
    }

    /** Tokens voided so far because {@link #MAX_OUTSTANDING} were outstanding. */
    public synchronized long evicted() {
        return evicted;
    }

    /** Outstanding tokens (for tests and telemetry). */
    public synchronized int outstanding() {
        return tokens.size();
    }

    /** SHA-256 over the command name, a newline and the canonical JSON of the arguments. */
    static String binding(String command, JsonNode args) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(command.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(canonical(args).getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Canonical JSON: object keys sorted, numbers in plain form without trailing zeros. */
    static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        canonical(node, sb);
        return sb.toString();
    }

    private static void canonical(JsonNode node, StringBuilder sb) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                sb.append(first ? "" : ",");
                first = false;
                sb.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()).toString()).append(':');
                canonical(e.getValue(), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                canonical(node.get(i), sb);
            }
            sb.append(']');
        } else if (node.isNumber()) {
            java.math.BigDecimal d = node.decimalValue().stripTrailingZeros();
            sb.append(d.signum() == 0 ? "0" : d.toPlainString());
        } else {
            sb.append(node.toString());
        }
    }
}
