package io.sunsync.ground.console.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every open browser feed, and the fan-out to them: fleet rows to the feeds that show the
 * fleet, a satellite's full frames to the feeds that show that satellite, everything else
 * (events, alarms, commands, jobs, link state) to all. Publishing only offers to each feed's
 * bounded queue, so it never waits for a browser. At most {@code maxFeeds} feeds are open at once.
 *
 * <p>Thread safe.
 */
public final class FeedHub {
    private final int maxFeeds;
    private final int queueCapacity;
    private final List<ClientFeed> feeds = new CopyOnWriteArrayList<>();
    private final Map<Long, ClientFeed> closed = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ClientFeed> eldest) {
            return size() > 256;
        }
    };
    private final AtomicLong ids = new AtomicLong();

    /** Too many browsers are connected. */
    public static final class FullException extends Exception {
        private static final long serialVersionUID = 1L;

        FullException(int max) {
            super("the console serves at most " + max + " live pages at once");
        }
    }

    /**
     * @param maxFeeds      the most feeds open at once
     * @param queueCapacity the most updates waiting in one feed
     */
    public FeedHub(int maxFeeds, int queueCapacity) {
        this.maxFeeds = maxFeeds;
        this.queueCapacity = queueCapacity;
    }

    /** Opens a feed for {@code user}: fleet rows when {@code fleet}, and the frames of {@code sat} (or null). */
    public ClientFeed open(String user, boolean fleet, String sat) throws FullException {
        return open(user, fleet, sat, null);
    }

    /**
     * Opens a feed that continues a page's earlier stream: {@code lastEventId} is what the
     * browser sends back when it reconnects by itself ({@code FEED-RECEIVED}, as {@link EventStream}
     * numbers its messages); the updates that stream lost are carried into this one's drop count,
     * so the page keeps showing what it missed. Null or unknown: a fresh count.
     */
    public synchronized ClientFeed open(String user, boolean fleet, String sat, String lastEventId) throws FullException {
        if (feeds.size() >= maxFeeds) {
            throw new FullException(maxFeeds);
        }
        long carried = 0;
        if (lastEventId != null && lastEventId.matches("\\d{1,18}-\\d{1,18}")) {
            String[] p = lastEventId.split("-");
            ClientFeed before = closed.get(Long.parseLong(p[0]));
            if (before != null && before.user().equals(user)) {
                carried = before.missedIfReceived(Long.parseLong(p[1]));
            }
        }
        ClientFeed f = new ClientFeed(ids.incrementAndGet(), user, fleet, sat, queueCapacity, carried);
        feeds.add(f);
        return f;
    }

    /** Closes and forgets {@code f} (remembering its counts a while, for the page's next stream). */
    public void close(ClientFeed f) {
        f.close();
        feeds.remove(f);
        synchronized (this) {
            closed.put(f.id(), f);
        }
    }

    /** Closes every feed of {@code user} (e.g. after logout). */
    public void closeAllOf(String user) {
        for (ClientFeed f : feeds) {
            if (f.user().equals(user)) {
                close(f);
            }
        }
    }

    /** Offers a fleet row to the feeds showing the fleet. */
    public void toFleet(Update u) {
        for (ClientFeed f : feeds) {
            if (f.fleet()) {
                f.offer(u);
            }
        }
    }

    /** Offers {@code u} to the feeds showing {@code sat}. */
    public void toSatellite(String sat, Update u) {
        for (ClientFeed f : feeds) {
            if (sat.equals(f.sat())) {
                f.offer(u);
            }
        }
    }

    /** Offers {@code u} to every feed. */
    public void toAll(Update u) {
        for (ClientFeed f : feeds) {
            f.offer(u);
        }
    }

    /** True if some feed shows {@code sat}. */
    public boolean watched(String sat) {
        for (ClientFeed f : feeds) {
            if (sat.equals(f.sat())) {
                return true;
            }
        }
        return false;
    }

    /** Every open feed's counts. */
    public List<ClientFeed.Stats> stats() {
        List<ClientFeed.Stats> out = new ArrayList<>();
        for (ClientFeed f : feeds) {
            out.add(f.stats());
        }
        return out;
    }

    /** Feeds open now. */
    public int size() {
        return feeds.size();
    }
}
