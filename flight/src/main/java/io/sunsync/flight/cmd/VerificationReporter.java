package io.sunsync.flight.cmd;

import io.sunsync.flight.link.Downlink;
import io.sunsync.flight.link.InboundMessage;
import io.sunsync.flight.link.Json;
import io.sunsync.flight.link.OutboundMessage;
import io.sunsync.flight.link.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends verification reports (QoS 1, not retained) to the command's MQTT 5 response topic with
 * its correlation data, or to {@code sunsync/{sat}/tc/ack}. A response topic is honoured only
 * for a command whose MAC has verified ({@link #replyTo}) and only under
 * {@code sunsync/{sat}/tc/ack}; refusals of unauthenticated payloads go to {@code tc/ack}
 * ({@link #unauthenticatedReplyTo}), so the outside world cannot make the satellite publish
 * elsewhere. Every report, whatever its response topic, is one outbox stream ({@code tc/ack}).
 * Keeps the latest report of each recent ground command so a redelivered copy can be answered
 * idempotently.
 *
 * <p>Thread safe.
 */
public final class VerificationReporter {
    /** Recent ground commands whose latest report is remembered. */
    public static final int REMEMBERED = 4096;

    private final Downlink downlink;
    private final String ackTopic;
    private final Runnable onEvicted;
    private final Map<Long, VerificationReport> latest = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, VerificationReport> eldest) {
            if (size() > REMEMBERED) {
                onEvicted.run();
                return true;
            }
            return false;
        }
    };

    public VerificationReporter(Downlink downlink, Topics topics) {
        this(downlink, topics, () -> { });
    }

    /** @param onEvicted told each time the oldest remembered report is forgotten to make room */
    public VerificationReporter(Downlink downlink, Topics topics, Runnable onEvicted) {
        this.downlink = downlink;
        this.ackTopic = topics.under("tc/ack");
        this.onEvicted = onEvicted;
    }

    /** The default report topic, {@code sunsync/{sat}/tc/ack}. */
    public ReplyTo defaultReplyTo() {
        return new ReplyTo(ackTopic, null);
    }

    /**
     * Where reports for an unauthenticated {@code message} go: {@code tc/ack}, with its
     * correlation data so its sender can still match the refusal.
     */
    public ReplyTo unauthenticatedReplyTo(InboundMessage message) {
        return new ReplyTo(ackTopic, message.correlationData());
    }

    /** Where reports for {@code message}, whose MAC has verified, go. */
    public ReplyTo replyTo(InboundMessage message) {
        String rt = message.responseTopic();
        boolean ok = rt != null && (rt.equals(ackTopic) || rt.startsWith(ackTopic + "/"))
                && rt.indexOf('+') < 0 && rt.indexOf('#') < 0 && rt.length() <= 256;
        return new ReplyTo(ok ? rt : ackTopic, message.correlationData());
    }

    /** Sends {@code report}, remembered as its command's latest (for redelivered copies). */
    public void send(ReplyTo to, VerificationReport report) {
        send(to, report, true);
    }

    /**
     * Sends {@code report}; remembers it as the latest report of its sequence number only when
     * {@code remember} (a rejection made before the command took its number, e.g. a replay of a
     * used number, must not replace the report of the command that took it).
     */
    public void send(ReplyTo to, VerificationReport report, boolean remember) {
        if (remember && report.seq() != null && "ground".equals(report.origin().kind()) && !report.duplicate()) {
            synchronized (latest) {
                latest.put(report.seq(), report);
            }
        }
        downlink.send(new OutboundMessage(to.topic(), Json.encode(report), 1, false, to.correlationData(), null));
    }

    /** The latest report sent for ground command {@code seq}, if remembered. */
    public Optional<VerificationReport> latest(long seq) {
        synchronized (latest) {
            return Optional.ofNullable(latest.get(seq));
        }
    }
}
