package io.sunsync.bench.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a Mosquitto broker logged with {@code log_type all} about one topic: each PUBLISH it
 * received on it, each copy it sent out, and each PUBACK from the clients it sent copies to. A
 * campaign reads it to tell where an unanswered command stopped: never reached the broker, held
 * by the broker, or sent to flight and acknowledged by it. Mosquitto's log lines carry whole
 * seconds and no payload, so the figures are counts per time window, not per message.
 */
final class BrokerTraffic {
    /** One logged packet: when (epoch s), which way, the client on the other end. */
    record Packet(long epochS, Kind kind, String client) {
    }

    /** A packet's direction. */
    enum Kind {
        /** A PUBLISH on the topic from a client. */
        RECEIVED,
        /** A copy of it sent to a subscriber. */
        SENT,
        /** A PUBACK from a client that was sent copies. */
        PUBACK
    }

    private static final Pattern LINE = Pattern.compile(
            "^(\\d+): (Received PUBLISH from|Sending PUBLISH to|Received PUBACK from) (\\S+)(?: \\((d\\d, q\\d, r\\d, m\\d+), '([^']*)')?");

    private final List<Packet> packets;

    private BrokerTraffic(List<Packet> packets) {
        this.packets = packets;
    }

    /** Reads {@code log} for the packets of {@code topic} (and the PUBACKs of the clients it was sent to). */
    static BrokerTraffic read(Path log, String topic) throws IOException {
        List<String[]> pubacks = new ArrayList<>();
        List<Packet> out = new ArrayList<>();
        java.util.Set<String> receivers = new java.util.HashSet<>();
        try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            lines.forEach(l -> {
                Matcher m = LINE.matcher(l);
                if (!m.find()) {
                    return;
                }
                long t = Long.parseLong(m.group(1));
                String verb = m.group(2);
                if (verb.equals("Received PUBACK from")) {
                    pubacks.add(new String[] {m.group(1), m.group(3)});
                } else if (topic.equals(m.group(5))) {
                    boolean received = verb.startsWith("Received");
                    out.add(new Packet(t, received ? Kind.RECEIVED : Kind.SENT, m.group(3)));
                    if (!received) {
                        receivers.add(m.group(3));
                    }
                }
            });
        }
        for (String[] p : pubacks) {
            if (receivers.contains(p[1])) {
                out.add(new Packet(Long.parseLong(p[0]), Kind.PUBACK, p[1]));
            }
        }
        return new BrokerTraffic(out);
    }

    /** Packets of {@code kind} logged from {@code fromEpochS} to {@code toEpochS}, both included. */
    long count(Kind kind, long fromEpochS, long toEpochS) {
        return packets.stream().filter(p -> p.kind() == kind && p.epochS() >= fromEpochS && p.epochS() <= toEpochS)
                .count();
    }

    /** One line for a campaign's report: the topic's traffic in a window. */
    String describe(long fromEpochS, long toEpochS) {
        return String.format(Locale.ROOT, "broker log %d-%d: %d PUBLISH received on the topic, %d copies sent to "
                        + "subscribers, %d PUBACKs from them", fromEpochS, toEpochS, count(Kind.RECEIVED, fromEpochS, toEpochS),
                count(Kind.SENT, fromEpochS, toEpochS), count(Kind.PUBACK, fromEpochS, toEpochS));
    }
}
