package io.sunsync.flight.link;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.link.outbox.DropReason;
import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.RecoveryReport;
import io.sunsync.flight.store.log.Damage;
import io.sunsync.hal.time.TimeSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what happens to the link into events on {@code sunsync/{sat}/evt} (codes in
 * {@code docs/icd/downlink.md}): connection up and down, connection failures with their
 * {@link ConnectFailure} code, refused subscriptions, every outbox drop per stream, and what the
 * outbox recovered after a restart. Thread safe (stateless apart from its sink).
 */
public final class LinkEventReporter implements LinkListener {
    private static final String SOURCE = "link";
    private static final ThreadLocal<Boolean> REPORTING_DROP = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final EventSink events;
    private final TimeSource time;

    public LinkEventReporter(EventSink events, TimeSource time) {
        this.events = events;
        this.time = time;
    }

    @Override
    public void onConnected(boolean sessionPresent, int attempts, long outageMs) {
        events.emit(new Event(time.now(), Severity.INFO, SOURCE, "LINK_UP",
                "connected to the broker (" + (sessionPresent ? "session resumed" : "new session") + ")",
                Map.of("sessionPresent", sessionPresent, "attempts", attempts, "outageS", outageMs / 1000.0)));
    }

    @Override
    public void onDisconnected(String reason) {
        events.emit(new Event(time.now(), Severity.LOW, SOURCE, "LINK_DOWN", "lost the broker: " + reason,
                Map.of("reason", reason)));
    }

    @Override
    public void onConnectFailed(ConnectFailure failure, String detail) {
        events.emit(new Event(time.now(), failure == ConnectFailure.UNREACHABLE ? Severity.LOW : Severity.MEDIUM,
                SOURCE, "LINK_CONNECT_FAILED", "cannot connect: " + failure + ": " + detail,
                Map.of("failure", failure.name(), "detail", detail)));
    }

    @Override
    public void onSubscriptionRefused(String filter, int reasonCode) {
        events.emit(new Event(time.now(), Severity.HIGH, SOURCE, "LINK_SUBSCRIPTION_REFUSED",
                "the broker refused our subscription to " + filter,
                Map.of("filter", filter, "reasonCode", reasonCode)));
    }

    @Override
    public void onDrop(DropReport report) {
        if (report.reason() == DropReason.CLOSED || REPORTING_DROP.get()) {
            // After shutdown there is no outbox to report into; and the report of a drop must not
            // report its own drop (it is still counted in the outbox's per-stream counters).
            return;
        }
        REPORTING_DROP.set(true);
        try {
            emitDrops(report);
        } finally {
            REPORTING_DROP.set(false);
        }
    }

    private void emitDrops(DropReport report) {
        for (Map.Entry<String, DropReport.Loss> e : report.byStream().entrySet()) {
            DropReport.Loss l = e.getValue();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reason", report.reason().name());
            data.put("stream", e.getKey());
            data.put("count", l.count());
            data.put("droppedBytes", l.bytes());
            data.put("firstSeq", l.firstSeq());
            data.put("lastSeq", l.lastSeq());
            events.emit(new Event(time.now(), Severity.MEDIUM, SOURCE, "OUTBOX_DROPPED",
                    "dropped " + l.count() + " " + e.getKey() + " messages (" + report.reason() + ")", data));
        }
    }

    @Override
    public void onInboundDropped(InboundDrop reason, long count, long total) {
        events.emit(new Event(time.now(), Severity.MEDIUM, SOURCE, "LINK_INBOUND_DROPPED",
                "dropped " + count + " received messages unhandled (" + reason + ")",
                Map.of("reason", reason.name(), "count", count, "total", total)));
    }

    @Override
    public void onRecovered(RecoveryReport report) {
        if (report.pending() > 0 || report.delivered() > 0) {
            events.emit(new Event(time.now(), Severity.INFO, SOURCE, "OUTBOX_RECOVERED",
                    report.pending() + " messages recovered from the outbox to send",
                    Map.of("pending", report.pending(), "segments", report.segments(), "durationMs", report.durationMs())));
        }
        for (Damage d : report.damage()) {
            events.emit(new Event(time.now(), Severity.MEDIUM, SOURCE, "OUTBOX_DAMAGED",
                    d.kind() + " in " + d.file() + ": " + d.lengthBytes() + " bytes skipped",
                    Map.of("segment", d.file(), "offset", d.offset(), "lengthBytes", d.lengthBytes(),
                            "kind", d.kind().name())));
        }
        for (DropReport lost : report.unrecorded()) {
            emitDrops(lost);
        }
        if (report.stateProblem() != null) {
            events.emit(new Event(time.now(), Severity.MEDIUM, SOURCE, "OUTBOX_STATE_LOST",
                    "outbox state: " + report.stateProblem() + "; sequence numbers continue from the records on disk",
                    Map.of("problem", report.stateProblem())));
        }
    }
}
