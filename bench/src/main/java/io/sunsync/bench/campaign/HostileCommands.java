package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates hostile telecommands for {@code sat} and the rejection each must get, following the
 * dispatcher's documented order of checks (docs/icd/commanding.md): an attacker without the key
 * (garbage, oversized, bad MAC, other keys), and an attacker who holds a valid signed command
 * or the key itself (replays, expired and not-yet-valid commands, unknown commands, arguments out
 * of range, commands the mode forbids, critical commands without their arm token, commands for
 * another satellite). The satellite is expected to be in SAFE mode, armed with nothing. Not thread
 * safe: one sender owns it.
 */
final class HostileCommands {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** The kinds of hostile command. */
    enum Kind {
        NOT_JSON("MALFORMED"), TRUNCATED("MALFORMED"), DUPLICATE_KEYS("MALFORMED"), OVERSIZED("OVERSIZED"),
        NOT_AN_ENVELOPE("SCHEMA_VIOLATION"), BAD_CMD_SHAPE("SCHEMA_VIOLATION"),
        BAD_MAC("BAD_MAC"), WRONG_KEY("BAD_MAC"), UNKNOWN_KEY("UNKNOWN_KEY"),
        WRONG_SATELLITE("WRONG_SATELLITE"), REPLAY_REUSED_SEQ("REPLAY"), REPLAY_IDENTICAL_COPY(null),
        EXPIRED("EXPIRED"), NOT_YET_VALID("NOT_YET_VALID"), UNKNOWN_COMMAND("UNKNOWN_COMMAND"),
        ARG_OUT_OF_RANGE("ARG_OUT_OF_RANGE"), WRONG_MODE("NOT_ALLOWED_IN_MODE"), NOT_ARMED("NOT_ARMED");

        /** The reason of the REJECTED report; null where it is the copied command's (answered as a duplicate). */
        final String reason;

        Kind(String reason) {
            this.reason = reason;
        }
    }

    /**
     * One hostile command.
     *
     * @param kind      what it is
     * @param payload   the bytes sent
     * @param reason    the rejection reason it must get
     * @param duplicate whether the answer must be marked duplicate (an identical copy of a recent command)
     */
    record Hostile(Kind kind, byte[] payload, String reason, boolean duplicate) {
    }

    private final String sat;
    private final CampaignSigner signer;
    private final SplittableRandom random;
    private final Instant epoch;
    private final int maxPayloadBytes;
    private long nextSeq;
    private final List<Long> used = new ArrayList<>();
    /** Recent commands that consumed a sequence number, with the reason they got (for identical copies). */
    private final Deque<Hostile> recent = new ArrayDeque<>();

    /**
     * @param firstSeq        the first fresh sequence number (above everything flight has seen)
     * @param epoch           about now in mission time (validity windows are set years away from it)
     * @param maxPayloadBytes flight's {@code commanding.maxPayloadBytes}
     */
    HostileCommands(String sat, CampaignSigner signer, long seed, long firstSeq, Instant epoch, int maxPayloadBytes) {
        this.sat = sat;
        this.signer = signer;
        this.random = new SplittableRandom(seed);
        this.nextSeq = firstSeq;
        this.epoch = epoch;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Sequence numbers already used (e.g. by the set-up commands), so replays can pick them. */
    void markUsed(long seq) {
        used.add(seq);
    }

    /** The next hostile command. */
    Hostile next() {
        Kind k = Kind.values()[random.nextInt(Kind.values().length)];
        if (k == Kind.REPLAY_IDENTICAL_COPY && recent.isEmpty() || k == Kind.REPLAY_REUSED_SEQ && used.isEmpty()) {
            k = Kind.NOT_JSON;
        }
        Instant later = epoch.plus(Duration.ofDays(3650));
        return switch (k) {
            case NOT_JSON -> {
                byte[] b = bytes(1 + random.nextInt(400));
                b[0] = (byte) (0xF8 | random.nextInt(8)); // never valid UTF-8, never JSON
                yield new Hostile(k, b, k.reason, false);
            }
            case TRUNCATED -> {
                byte[] whole = signer.sign(nextSeq, "ping", Map.of("echo", "t"), later); // never parses: consumes nothing
                int cut = 1 + random.nextInt(whole.length - 1);
                yield new Hostile(k, java.util.Arrays.copyOf(whole, cut), k.reason, false);
            }
            case DUPLICATE_KEYS -> {
                String s = new String(signer.sign(nextSeq, "ping", Map.of(), later), StandardCharsets.UTF_8);
                // A second "kid" (or "v") in the envelope: a parser that took the last one could be fooled.
                String dup = random.nextBoolean() ? "{\"kid\":2," + s.substring(1) : "{\"v\":1," + s.substring(1);
                yield new Hostile(k, dup.getBytes(StandardCharsets.UTF_8), k.reason, false);
            }
            case OVERSIZED -> {
                // Up to 32 KiB over the limit: flight's Maximum Packet Size (payload limit + 64 KiB)
                // lets it arrive and be refused; far larger ones the broker drops (the poison step).
                byte[] b = bytes(maxPayloadBytes + 1 + random.nextInt(32 * 1024));
                yield new Hostile(k, b, k.reason, false);
            }
            case NOT_AN_ENVELOPE -> {
                String[] shapes = {"{}", "{\"v\":1}", "{\"v\":2,\"kid\":1,\"cmd\":{},\"mac\":\"00\"}",
                    "{\"v\":1,\"kid\":1,\"cmd\":{\"seq\":1},\"mac\":\"zz\"}", "{\"v\":1,\"kid\":\"one\",\"cmd\":{},\"mac\":\"\"}",
                    "{\"v\":1,\"kid\":1,\"cmd\":[],\"mac\":\"00\"}"};
                yield new Hostile(k, shapes[random.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8), k.reason, false);
            }
            case BAD_CMD_SHAPE -> {
                // Correctly signed, but the cmd object breaks its schema: checked before the sequence window moves.
                ObjectNode cmd = signer.cmd(nextSeq, "ping", Map.of(), later);
                switch (random.nextInt(4)) {
                    case 0 -> cmd.remove("expires");
                    case 1 -> cmd.put("seq", -1 - random.nextInt(1000));
                    case 2 -> cmd.put("fuzz", 1);
                    default -> cmd.put("name", "Not A Name!");
                }
                yield new Hostile(k, signer.sign(cmd), k.reason, false);
            }
            case BAD_MAC -> {
                byte[] b = signer.sign(nextSeq, "mode.set", Map.of("mode", "NOMINAL"), later);
                int at = b.length - 3 - random.nextInt(64); // a hex digit of the MAC
                b[at] = (byte) (b[at] == '0' ? '1' : '0');
                yield new Hostile(k, b, k.reason, false);
            }
            case WRONG_KEY -> {
                String key = HEX.formatHex(bytes(32));
                byte[] cmd = bytesOf(signer.cmd(nextSeq, "key.rotate", Map.of("keyId", 2), later));
                yield new Hostile(k, signer.envelope(cmd, 1, key), k.reason, false);
            }
            case UNKNOWN_KEY -> {
                int kid = random.nextBoolean() ? 2 : 3 + random.nextInt(60_000);
                byte[] cmd = bytesOf(signer.cmd(nextSeq, "ping", Map.of(), later));
                yield new Hostile(k, signer.envelope(cmd, kid, CampaignSigner.KEY2), k.reason, false);
            }
            case WRONG_SATELLITE -> {
                ObjectNode cmd = signer.cmd(nextSeq, "mode.set", Map.of("mode", "NOMINAL"), later);
                cmd.put("sat", "sat-" + (100 + random.nextInt(900)));
                yield new Hostile(k, signer.sign(cmd), k.reason, false);
            }
            case REPLAY_REUSED_SEQ -> {
                long seq = used.get(random.nextInt(used.size()));
                yield new Hostile(k, signer.sign(seq, "ping", Map.of("echo", "r" + random.nextInt()), later), k.reason, false);
            }
            case REPLAY_IDENTICAL_COPY -> {
                List<Hostile> r = new ArrayList<>(recent);
                Hostile original = r.get(random.nextInt(r.size()));
                yield new Hostile(k, original.payload(), original.reason(), true);
            }
            case EXPIRED -> consuming(k, signer.sign(fresh(), "ping", Map.of(), epoch.minus(Duration.ofDays(1 + random.nextInt(300)))));
            case NOT_YET_VALID -> {
                ObjectNode cmd = signer.cmd(fresh(), "ping", Map.of(), later.plus(Duration.ofDays(1)));
                cmd.put("notBefore", later.toString());
                yield consuming(k, signer.sign(cmd));
            }
            case UNKNOWN_COMMAND -> consuming(k, signer.sign(fresh(), "fuzz.cmd" + random.nextInt(100_000), Map.of(), later));
            case ARG_OUT_OF_RANGE -> consuming(k, switch (random.nextInt(3)) {
                case 0 -> signer.sign(fresh(), "telemetry.rate", Map.of("stream", "hk",
                        "periodS", random.nextBoolean() ? 3601.0 + random.nextInt(100_000) : 0.001), later);
                case 1 -> signer.sign(fresh(), "key.rotate", Map.of("keyId", 65_536 + random.nextInt(1_000_000)), later);
                default -> signer.sign(fresh(), "mode.set", Map.of("mode", "LUDICROUS"), later);
            });
            case WRONG_MODE -> consuming(k, signer.sign(fresh(), "job.submit", Map.of("spec", Map.of("id", "h" + nextSeq,
                    "kind", "synthetic", "expectedWorkUnits", 1.0)), later));
            case NOT_ARMED -> {
                ObjectNode cmd = random.nextBoolean()
                        ? signer.cmd(fresh(), "mode.set", Map.of("mode", "NOMINAL"), later)
                        : signer.cmd(fresh(), "key.rotate", Map.of("keyId", 2), later);
                if (random.nextBoolean()) {
                    cmd.put("arm", HEX.formatHex(bytes(16))); // a token nobody issued
                }
                yield consuming(k, signer.sign(cmd));
            }
        };
    }

    private Hostile consuming(Kind k, byte[] payload) {
        Hostile h = new Hostile(k, payload, k.reason, false);
        recent.addLast(h);
        if (recent.size() > 500) {
            recent.removeFirst(); // flight remembers the last 4,096 commands' reports
        }
        return h;
    }

    private long fresh() {
        long seq = nextSeq++;
        used.add(seq);
        if (used.size() > 100_000) {
            used.subList(0, 50_000).clear();
        }
        return seq;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] bytesOf(ObjectNode cmd) {
        try {
            return JSON.writeValueAsBytes(cmd);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
