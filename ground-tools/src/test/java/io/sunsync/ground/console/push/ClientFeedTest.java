package io.sunsync.ground.console.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientFeedTest {
    private static List<String> json(ClientFeed.Batch b) {
        return b.items().stream().map(Update::json).toList();
    }

    @Test
    void aBrowserThatKeepsUpGetsEveryUpdateInOrder() throws Exception {
        ClientFeed f = new ClientFeed(1, "alice", true, null, 100, 0);
        f.offer(new Update("fleet:a", "a1"));
        f.offer(new Update("evt:1", "e1"));

        ClientFeed.Batch b = f.take(0);

        assertThat(json(b)).containsExactly("a1", "e1");
        assertThat(b.dropped()).isZero();
        assertThat(b.delivered()).isEqualTo(2);
        assertThat(f.take(0).items()).isEmpty();
    }

    @Test
    void aNewerValueReplacesTheWaitingOneInItsPlaceAndCountsAsDropped() throws Exception {
        ClientFeed f = new ClientFeed(1, "alice", true, null, 100, 0);
        f.offer(new Update("fleet:a", "a1"));
        f.offer(new Update("fleet:b", "b1"));
        f.offer(new Update("fleet:a", "a2"));
        f.offer(new Update("fleet:a", "a3"));

        ClientFeed.Batch b = f.take(0);

        assertThat(json(b)).containsExactly("a3", "b1");
        assertThat(b.dropped()).isEqualTo(2);
        ClientFeed.Stats s = f.stats();
        assertThat(s.offered()).isEqualTo(s.delivered() + s.superseded() + s.evicted() + s.waiting());
    }

    @Test
    void aFullQueueDropsItsOldestKeyAndCountsIt() throws Exception {
        ClientFeed f = new ClientFeed(1, "alice", true, null, 3, 0);
        for (int i = 1; i <= 5; i++) {
            f.offer(new Update("evt:" + i, "e" + i));
        }

        ClientFeed.Batch b = f.take(0);

        assertThat(json(b)).containsExactly("e3", "e4", "e5");
        assertThat(b.dropped()).isEqualTo(2);
        assertThat(f.stats().evicted()).isEqualTo(2);
    }

    @Test
    void framesWaitInLineAndAFullLineDropsItsOldest() throws Exception {
        ClientFeed f = new ClientFeed(1, "alice", false, "sat-001", 32, 0); // a line of 32 / 16 = 2
        f.offer(new Update("fleet:sat-001", "row"));
        for (int i = 1; i <= 5; i++) {
            f.offer(Update.sequence("hk:sat-001", "frame" + i));
        }

        ClientFeed.Batch b = f.take(0);

        assertThat(json(b)).containsExactly("row", "frame4", "frame5");
        assertThat(b.dropped()).isEqualTo(3);
        ClientFeed.Stats s = f.stats();
        assertThat(s.offered()).isEqualTo(s.delivered() + s.superseded() + s.evicted() + s.waiting());
    }

    @Test
    void replacingAStatusDropsNothing() throws Exception {
        ClientFeed f = new ClientFeed(1, "alice", true, null, 10, 0);
        f.offer(Update.status("link", "up"));
        f.offer(Update.status("link", "down"));

        ClientFeed.Batch b = f.take(0);

        assertThat(json(b)).containsExactly("down");
        assertThat(b.dropped()).isZero();
    }

    @Test
    void closingEndsAWaitingTakeAndRefusesMore() throws Exception {
        ClientFeed f = new ClientFeed(1, "alice", true, null, 10, 0);
        Thread closer = new Thread(f::close);
        closer.start();

        ClientFeed.Batch b = f.take(60_000);
        closer.join();

        assertThat(b.closed()).isTrue();
        f.offer(new Update("fleet:a", "a1"));
        assertThat(f.stats().waiting()).isZero();
    }

    @Test
    void aPageThatReconnectsByItselfKeepsCountingWhatItsEarlierStreamLost() throws Exception {
        FeedHub hub = new FeedHub(4, 100);
        ClientFeed first = hub.open("bob", true, null);
        for (int i = 0; i < 10; i++) {
            hub.toFleet(new Update("fleet:s" + i, "r" + i));
        }
        ClientFeed.Batch b = first.take(0);
        assertThat(b.deliveredData()).isEqualTo(10);
        for (int i = 0; i < 5; i++) {
            hub.toFleet(new Update("fleet:s" + i, "again" + i));
        }
        hub.close(first); // e.g. its browser stalled past the idle timeout; it had received the first 7

        ClientFeed second = hub.open("bob", true, null, first.id() + "-7");
        ClientFeed stranger = hub.open("mallory", true, null, first.id() + "-0");
        hub.toFleet(new Update("fleet:s0", "new"));

        assertThat(second.take(0).dropped()).as("3 delivered but never received, 5 never delivered").isEqualTo(8);
        assertThat(stranger.take(0).dropped()).as("another user's count is not carried").isZero();
        assertThat(hub.open("bob", true, null, "garbage").take(0).dropped()).isZero();
    }

    @Test
    void theHubSendsFleetRowsToFleetPagesAndFramesToTheirSatellitesPages() throws Exception {
        FeedHub hub = new FeedHub(2, 100);
        ClientFeed fleet = hub.open("alice", true, null);
        ClientFeed sat = hub.open("bob", false, "sat-001");
        hub.toFleet(new Update("fleet:sat-001", "row"));
        hub.toSatellite("sat-001", new Update("hk:sat-001", "frame"));
        hub.toSatellite("sat-002", new Update("hk:sat-002", "other"));
        hub.toAll(new Update("evt:1", "event"));

        assertThat(json(fleet.take(0))).containsExactly("row", "event");
        assertThat(json(sat.take(0))).containsExactly("frame", "event");
        assertThat(hub.watched("sat-001")).isTrue();
        assertThat(hub.watched("sat-002")).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.open("carol", true, null))
                .isInstanceOf(FeedHub.FullException.class);
        hub.closeAllOf("bob");
        assertThat(hub.size()).isEqualTo(1);
        assertThat(sat.isClosed()).isTrue();
    }
}
