package io.sunsync.flight.link;

import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.RecoveryReport;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener of a link; one that throws is logged and does not keep the others from
 * hearing.
 *
 * <p>Threading: as thread safe as the list it is given (the link's is copy-on-write).
 */
final class ListenerFanout implements LinkListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerFanout.class);

    private final List<LinkListener> listeners;

    ListenerFanout(List<LinkListener> listeners) {
        this.listeners = listeners;
    }

    private void each(Consumer<LinkListener> call) {
        for (LinkListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("link: listener {} failed", l, e);
            }
        }
    }

    @Override
    public void onConnected(boolean sessionPresent, int attempts, long outageMs) {
        each(l -> l.onConnected(sessionPresent, attempts, outageMs));
    }

    @Override
    public void onDisconnected(String reason) {
        each(l -> l.onDisconnected(reason));
    }

    @Override
    public void onConnectFailed(ConnectFailure failure, String detail) {
        each(l -> l.onConnectFailed(failure, detail));
    }

    @Override
    public void onSubscriptionRefused(String filter, int reasonCode) {
        each(l -> l.onSubscriptionRefused(filter, reasonCode));
    }

    @Override
    public void onDrop(DropReport report) {
        each(l -> l.onDrop(report));
    }

    @Override
    public void onRecovered(RecoveryReport report) {
        each(l -> l.onRecovered(report));
    }

    @Override
    public void onInboundDropped(InboundDrop reason, long count, long total) {
        each(l -> l.onInboundDropped(reason, count, total));
    }
}
