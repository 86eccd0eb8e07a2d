package io.sunsync.bench.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a Mosquitto broker logged with {@code log_type all} about the messages one client (the
 * ground) published on one topic for another client (flight): each message the broker received,
 * the copy it queued for flight's session, how often it sent that copy and whether flight
 * acknowledged it. A campaign reads it to tell where an unanswered command stopped.
 *
 * <p>Mosquitto's log carries no payload, so messages are matched by packet id: the broker gives
 * each message it queues for a session the session's next packet id (1 to 65535, then 1 again),
 * when it receives the message, in the order it receives them, whether the session is connected
 * or not. The first copy logged anchors the count; every copy sent afterwards must then carry the
 * size of the message its id points to, and {@link #mismatches()} counts those that do not (a
 * session that was new or expired meanwhile breaks the count).
 */
final class BrokerTraffic {
    /** What became of a message at the broker. */
    enum Fate {
        /** Flight acknowledged a copy (PUBACK): it took the message. */
        ACKNOWLEDGED,
        /** Copies went to flight, none acknowledged: flight died holding it, then it expired or is still held. */
        SENT_NOT_ACKNOWLEDGED,
        /** Never sent to flight: held at the broker until it expired, or still held. */
        NEVER_SENT
    }

    /**
     * One message the broker received from the sender on the topic.
     *
     * @param receivedEpochS when it arrived (epoch s; Mosquitto logs whole seconds)
     * @param bytes          its payload size
     * @param packetId       the packet id of the copy queued for the receiver; 0 before the first copy anchors the count
     * @param copiesSent     copies sent to the receiver (more than one after a reconnect)
     * @param lastSentEpochS when the last copy was sent, or -1
     * @param ackedEpochS    when the receiver acknowledged it, or -1
     */
    record Message(long receivedEpochS, int bytes, int packetId, int copiesSent, long lastSentEpochS, long ackedEpochS) {
        Fate fate() {
            return ackedEpochS >= 0 ? Fate.ACKNOWLEDGED : copiesSent > 0 ? Fate.SENT_NOT_ACKNOWLEDGED : Fate.NEVER_SENT;
        }
    }

    private static final Pattern PUBLISH = Pattern.compile(
            "^(\\d+): (Received PUBLISH from|Sending PUBLISH to) (\\S+) \\(d\\d, q\\d, r\\d, m(\\d+), '([^']*)', \\.\\.\\. \\((\\d+) bytes\\)\\)");
    private static final Pattern PUBACK = Pattern.compile("^(\\d+): Received PUBACK from (\\S+) \\(Mid: (\\d+)");
    private static final Pattern SESSION = Pattern.compile("^\\d+: New client connected from \\S+ as (\\S+) ");
    private static final int MAX_PACKET_ID = 65_535;

    private final List<Message> messages;
    private final int mismatches;
    private final int receiverSessions;
    private final long lastEpochS;

    private BrokerTraffic(List<Message> messages, int mismatches, int receiverSessions, long lastEpochS) {
        this.messages = messages;
        this.mismatches = mismatches;
        this.receiverSessions = receiverSessions;
        this.lastEpochS = lastEpochS;
    }

    /** Reads {@code log} for the messages {@code sender} published on {@code topic} and their copies to {@code receiver}. */
    static BrokerTraffic read(Path log, String topic, String sender, String receiver) throws IOException {
        Ledger ledger = new Ledger(topic, sender, receiver);
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            lines.forEach(ledger::line);
        }
        List<Message> out = new ArrayList<>(ledger.received.size());
        for (long[] m : ledger.received) {
            out.add(new Message(m[0], (int) m[1], (int) m[2], (int) m[3], m[4], m[5]));
        }
        return new BrokerTraffic(out, ledger.mismatches, ledger.sessions, ledger.lastEpochS);
    }

    /** The messages received from the sender, in the order the broker received them. */
    List<Message> messages() {
        return messages;
    }

    /** Copies sent (or acknowledged) whose packet id does not point at a received message of the same size. */
    int mismatches() {
        return mismatches;
    }

    /** Sessions the receiver opened (each a connection of a new process, in a kill campaign). */
    int receiverSessions() {
        return receiverSessions;
    }

    /** The time of the log's last line (epoch s), or -1 for an empty log. */
    long lastEpochS() {
        return lastEpochS;
    }

    /** Reads the lines in order; one message is {@code [received, bytes, packetId, copies, lastSent, acked]}. */
    private static final class Ledger {
        private final String topic;
        private final String sender;
        private final String receiver;
        final List<long[]> received = new ArrayList<>();
        private final List<long[]> queued = new ArrayList<>();
        private final Map<Integer, long[]> byPacketId = new HashMap<>();
        private int lastPacketId = -1;
        int mismatches;
        int sessions;
        long lastEpochS = -1;

        Ledger(String topic, String sender, String receiver) {
            this.topic = topic;
            this.sender = sender;
            this.receiver = receiver;
        }

        void line(String l) {
            Matcher m = PUBLISH.matcher(l);
            if (m.find()) {
                lastEpochS = Long.parseLong(m.group(1));
                if (!topic.equals(m.group(5))) {
                    return;
                }
                boolean in = m.group(2).startsWith("Received");
                if (in) {
                    // Every message on the topic is queued for the receiver, whoever sent it.
                    long[] msg = {lastEpochS, Long.parseLong(m.group(6)), 0, 0, -1, -1};
                    queued.add(msg);
                    if (sender.equals(m.group(3))) {
                        received.add(msg);
                    }
                    if (lastPacketId >= 0) {
                        bind(msg, next(lastPacketId));
                    }
                } else if (receiver.equals(m.group(3))) {
                    sent(Integer.parseInt(m.group(4)), Long.parseLong(m.group(6)));
                }
                return;
            }
            m = PUBACK.matcher(l);
            if (m.find()) {
                lastEpochS = Long.parseLong(m.group(1));
                if (receiver.equals(m.group(2))) {
                    long[] msg = byPacketId.get(Integer.parseInt(m.group(3)));
                    if (msg != null && msg[3] > 0 && msg[5] < 0) {
                        msg[5] = lastEpochS;
                    }
                }
                return;
            }
            m = SESSION.matcher(l);
            if (m.find() && receiver.equals(m.group(1))) {
                sessions++;
            }
        }

        private void sent(int packetId, long bytes) {
            if (lastPacketId < 0) {
                // The first copy: the first message received has this id, the later ones the next.
                if (queued.isEmpty()) {
                    mismatches++;
                    return;
                }
                int id = packetId;
                for (long[] msg : queued) {
                    bind(msg, id);
                    id = next(id);
                }
            }
            long[] msg = byPacketId.get(packetId);
            if (msg == null || msg[1] != bytes) {
                mismatches++;
                return;
            }
            msg[3]++;
            msg[4] = lastEpochS;
        }

        private void bind(long[] msg, int packetId) {
            msg[2] = packetId;
            byPacketId.put(packetId, msg);
            lastPacketId = packetId;
        }

        private static int next(int packetId) {
            return packetId >= MAX_PACKET_ID ? 1 : packetId + 1;
        }
    }
}
