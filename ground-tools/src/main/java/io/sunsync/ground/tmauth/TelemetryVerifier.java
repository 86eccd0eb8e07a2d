package io.sunsync.ground.tmauth;

import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import io.sunsync.ground.store.QuarantineReason;
import io.sunsync.ground.tc.CommandKeyFile;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks that a message received on a satellite's topics is what the satellite said: its MAC
 * (user properties {@code kid} and {@code mac}) must verify under one of the satellite's
 * telemetry keys over {@link TelemetryMac#input} (topic, {@code stream}, {@code seq}, exact
 * payload), and its sequence number must be new on its stream. The ground's anti-replay memory is
 * per satellite and stream: the highest number seen and which of the {@value #WINDOW} numbers
 * below it were seen, so a QoS 1 redelivery is a {@link Verdict#DUPLICATE} and an older number a
 * {@link Verdict#REPLAYED}. Every verdict is counted per satellite.
 *
 * <p>What it cannot see: a message held back or dropped (the gap in {@code seq} shows it), or a
 * retained message the broker keeps replaying to a tool that starts later (it is authentic, but
 * old: its mission time {@code t} and the staleness checks say so). See docs/security.md.
 *
 * <p>Memory is bounded: anti-replay state only for satellites with keys and for streams whose
 * messages verified; counters for at most {@value #MAX_UNKNOWN_SATELLITES} satellite ids without
 * keys (further ids are counted together under {@code "*"}).
 *
 * <p>Thread safe: {@link #check} may be called from any thread (it does not block on I/O).
 */
public final class TelemetryVerifier {
    /** Sequence numbers below the highest seen, per stream, whose use is remembered. */
    public static final int WINDOW = 1024;
    /** Satellite ids without keys whose counters are kept apart. */
    public static final int MAX_UNKNOWN_SATELLITES = 1000;
    /** Where refusals for satellite ids beyond {@link #MAX_UNKNOWN_SATELLITES} are counted. */
    public static final String OTHER_SATELLITES = "*";
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The verdict on one message.
     *
     * @param verdict what it is
     * @param sat     the satellite of its topic, or null if the topic names none
     * @param stream  its {@code stream} property, or null
     * @param seq     its {@code seq} property, or -1
     * @param kid     its {@code kid} property, or null
     * @param detail  what exactly, for an operator (empty for {@link Verdict#AUTHENTIC})
     * @param newest  true when it is authentic and its {@code seq} is the highest seen on its stream so
     *                far: a late one (an authentic message older than one already seen, a replay of a
     *                recent one included) must not replace the satellite's latest state
     */
    public record Check(Verdict verdict, String sat, String stream, long seq, Integer kid, String detail,
                        boolean newest) {
        /** A verdict on a message that is not the newest of its stream. */
        Check(Verdict verdict, String sat, String stream, long seq, Integer kid, String detail) {
            this(verdict, sat, stream, seq, kid, detail, false);
        }

        /** True when the message may be shown as the satellite's state. */
        public boolean shown() {
            return verdict.shown();
        }
    }

    private static final class Window {
        long highest = -1;
        final long[] seen = new long[WINDOW / 64];

        private boolean bit(long seq) {
            int i = (int) (seq % WINDOW);
            return (seen[i >>> 6] & (1L << (i & 63))) != 0;
        }

        private void set(long seq, boolean on) {
            int i = (int) (seq % WINDOW);
            if (on) {
                seen[i >>> 6] |= 1L << (i & 63);
            } else {
                seen[i >>> 6] &= ~(1L << (i & 63));
            }
        }

        Verdict accept(long seq) {
            if (seq > highest) {
                long from = Math.max(highest + 1, seq - WINDOW + 1);
                if (seq - highest >= WINDOW) {
                    java.util.Arrays.fill(seen, 0);
                } else {
                    for (long s = from; s < seq; s++) {
                        set(s, false);
                    }
                }
                set(seq, true);
                highest = seq;
                return Verdict.AUTHENTIC;
            }
            if (highest - seq >= WINDOW) {
                return Verdict.REPLAYED;
            }
            if (bit(seq)) {
                return Verdict.DUPLICATE;
            }
            set(seq, true); // late, but never seen
            return Verdict.AUTHENTIC;
        }
    }

    private final TelemetryKeys keys;
    private final Map<String, Map<String, Window>> windows = new HashMap<>();
    private final Map<String, Map<Verdict, Long>> counts = new TreeMap<>();
    private int unknownSatellites;

    public TelemetryVerifier(TelemetryKeys keys) {
        this.keys = keys;
    }

    /** The keys it checks with. */
    public TelemetryKeys keys() {
        return keys;
    }

    /** Judges {@code r} and counts the verdict. */
    public Check check(Received r) {
        Check c = judge(r);
        synchronized (this) {
            String sat = c.sat() == null ? OTHER_SATELLITES : c.sat();
            if (!counts.containsKey(sat) && keys.of(sat).isEmpty() && !sat.equals(OTHER_SATELLITES)) {
                if (unknownSatellites >= MAX_UNKNOWN_SATELLITES) {
                    sat = OTHER_SATELLITES;
                } else {
                    unknownSatellites++;
                }
            }
            counts.computeIfAbsent(sat, k -> new EnumMap<>(Verdict.class)).merge(c.verdict(), 1L, Long::sum);
        }
        return c;
    }

    private Check judge(Received r) {
        String sat = r.sat();
        Map<String, String> p = r.userProperties();
        String stream = p.get("stream");
        String seqText = p.get("seq");
        String kidText = p.get("kid");
        String mac = p.get("mac");
        long seq = seqText != null && seqText.matches("\\d{1,18}") ? Long.parseLong(seqText) : -1;
        Integer kid = kidText != null && kidText.matches("\\d{1,5}") ? Integer.valueOf(kidText) : null;
        Optional<CommandKeyFile> satKeys = keys.of(sat);
        if (satKeys.isEmpty()) {
            return new Check(Verdict.NO_KEY, sat, stream, seq, kid, "no telemetry key for "
                    + (sat == null ? "topic " + r.topic() : sat) + " in the profile (satellites." + sat + ".telemetryKeyFile)");
        }
        if (mac == null || kidText == null || stream == null || seqText == null) {
            return new Check(Verdict.UNSIGNED, sat, stream, seq, kid, "no " + (mac == null ? "mac" : kidText == null ? "kid"
                    : stream == null ? "stream" : "seq") + " user property: not signed");
        }
        if (kid == null || seq < 0 || stream.isEmpty() || !mac.matches("[0-9a-f]{64}")) {
            return new Check(Verdict.BAD_MAC, sat, stream, seq, kid, "malformed kid, seq, stream or mac");
        }
        if (!satKeys.get().keyIds().contains(kid)) {
            return new Check(Verdict.UNKNOWN_KEY, sat, stream, seq, kid, "telemetry key " + kid + " is not in the key file of "
                    + sat);
        }
        byte[] input;
        try {
            input = TelemetryMac.input(r.topic(), stream, seq, r.payload());
        } catch (IllegalArgumentException e) {
            return new Check(Verdict.BAD_MAC, sat, stream, seq, kid, e.getMessage());
        }
        if (!satKeys.get().verifies(kid, input, HEX.parseHex(mac))) {
            return new Check(Verdict.BAD_MAC, sat, stream, seq, kid, "the MAC does not verify under telemetry key " + kid);
        }
        Verdict v;
        boolean newest;
        synchronized (this) {
            Window w = windows.computeIfAbsent(sat, k -> new HashMap<>()).computeIfAbsent(stream, k -> new Window());
            newest = seq > w.highest;
            v = w.accept(seq);
        }
        return new Check(v, sat, stream, seq, kid, switch (v) {
            case DUPLICATE -> stream + " #" + seq + " was received already";
            case REPLAYED -> stream + " #" + seq + " is older than the last " + WINDOW + " numbers of its stream: a replay";
            default -> newest ? "" : stream + " #" + seq + " is older than one already received";
        }, newest && v == Verdict.AUTHENTIC);
    }

    /** Verdicts so far for {@code sat} (the satellite ids beyond the bound are under {@link #OTHER_SATELLITES}). */
    public synchronized Map<Verdict, Long> counts(String sat) {
        Map<Verdict, Long> m = counts.get(sat);
        return m == null ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(m));
    }

    /** Verdicts so far, by satellite id. */
    public synchronized Map<String, Map<Verdict, Long>> counts() {
        Map<String, Map<Verdict, Long>> out = new TreeMap<>();
        counts.forEach((sat, m) -> out.put(sat, Collections.unmodifiableMap(new EnumMap<>(m))));
        return out;
    }

    /** Messages refused ({@link Verdict#refused()}) so far for {@code sat}. */
    public synchronized long refused(String sat) {
        return counts(sat).entrySet().stream().filter(e -> e.getKey().refused()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Messages refused so far, every satellite together. */
    public synchronized long refused() {
        long n = 0;
        for (Map<Verdict, Long> m : counts.values()) {
            for (Map.Entry<Verdict, Long> e : m.entrySet()) {
                n += e.getKey().refused() ? e.getValue() : 0;
            }
        }
        return n;
    }

    /**
     * This verifier as the archive's origin check ({@link FrameCheck}): a refused message is
     * quarantined with the reason of its verdict; a duplicate passes (the store drops the copy).
     */
    public FrameCheck.Verifier forArchive() {
        return r -> {
            Check c = check(r);
            return c.verdict().refused() ? new FrameCheck.Problem(quarantineReason(c.verdict()), c.verdict() + ": "
                    + c.detail()) : null;
        };
    }

    /** The quarantine reason of a refused verdict. */
    public static QuarantineReason quarantineReason(Verdict v) {
        return switch (v) {
            case UNSIGNED -> QuarantineReason.UNSIGNED;
            case NO_KEY -> QuarantineReason.NO_KEY;
            case UNKNOWN_KEY -> QuarantineReason.UNKNOWN_KEY;
            case BAD_MAC -> QuarantineReason.BAD_MAC;
            case REPLAYED -> QuarantineReason.REPLAYED;
            case AUTHENTIC, DUPLICATE -> throw new IllegalArgumentException(v + " is not a refusal");
        };
    }
}
