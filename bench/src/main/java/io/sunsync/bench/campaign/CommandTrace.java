package io.sunsync.bench.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each command attempt went at the broker: the ground's publishes matched, in order, to the
 * messages the broker logged receiving from it ({@link BrokerTraffic}), each checked by its size. A
 * publish that failed may or may not have reached the broker; it is matched only where the broker
 * logged more messages than the publishes that succeeded can account for.
 */
final class CommandTrace {
    /** What the broker's log says of an attempt that got no answer. */
    enum Verdict {
        /** Flight never acknowledged a copy, and every copy's message expiry ran out at the broker. */
        EXPIRED_AT_BROKER,
        /** Flight acknowledged a copy: it took the command, so it owes an answer. */
        TAKEN_BY_FLIGHT,
        /** Not acknowledged, and not yet expired when the log ends (or sent after its expiry). */
        HELD_AT_BROKER,
        /** The broker logged no message for it. */
        NOT_AT_BROKER,
        /** The publishes and the log do not line up, so nothing can be said. */
        UNTRACED
    }

    private final Map<Long, List<BrokerTraffic.Message>> bySeq = new HashMap<>();
    private final boolean aligned;
    private final BrokerTraffic traffic;

    private CommandTrace(BrokerTraffic traffic, List<CampaignGround.Publish> publishes) {
        this.traffic = traffic;
        List<BrokerTraffic.Message> messages = traffic.messages();
        int[] okAfter = new int[publishes.size() + 1];
        for (int i = publishes.size() - 1; i >= 0; i--) {
            okAfter[i] = okAfter[i + 1] + (publishes.get(i).failed() ? 0 : 1);
        }
        int r = 0;
        boolean ok = traffic.mismatches() == 0;
        for (int i = 0; i < publishes.size() && ok; i++) {
            CampaignGround.Publish p = publishes.get(i);
            boolean sizeMatches = r < messages.size() && messages.get(r).bytes() == p.payload().length;
            if (p.failed() && !(sizeMatches && messages.size() - r > okAfter[i + 1])) {
                continue; // never reached the broker
            }
            if (!sizeMatches) {
                ok = false;
                break;
            }
            bySeq.computeIfAbsent(p.seq(), k -> new ArrayList<>()).add(messages.get(r++));
        }
        this.aligned = ok && r == messages.size();
    }

    /** Matches {@code publishes} (in the order made) to what {@code traffic} logged. */
    static CommandTrace of(BrokerTraffic traffic, List<CampaignGround.Publish> publishes) {
        return new CommandTrace(traffic, publishes);
    }

    /** Whether every publish and every logged message were matched. */
    boolean aligned() {
        return aligned;
    }

    /** What happened at the broker to attempt {@code seq}, sent with a message expiry of {@code expiryS}. */
    Verdict verdict(long seq, long expiryS) {
        if (!aligned) {
            return Verdict.UNTRACED;
        }
        List<BrokerTraffic.Message> copies = bySeq.getOrDefault(seq, List.of());
        if (copies.isEmpty()) {
            return Verdict.NOT_AT_BROKER;
        }
        boolean expired = true;
        for (BrokerTraffic.Message m : copies) {
            if (m.fate() == BrokerTraffic.Fate.ACKNOWLEDGED) {
                return Verdict.TAKEN_BY_FLIGHT;
            }
            long expiresEpochS = m.receivedEpochS() + expiryS;
            // Mosquitto drops an expired message when it comes to send it: a copy sent later contradicts that.
            expired &= expiresEpochS < traffic.lastEpochS() && m.lastSentEpochS() <= expiresEpochS + 1;
        }
        return expired ? Verdict.EXPIRED_AT_BROKER : Verdict.HELD_AT_BROKER;
    }
}
