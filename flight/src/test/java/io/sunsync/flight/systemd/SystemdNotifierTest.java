package io.sunsync.flight.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plays systemd's side: a real AF_UNIX datagram socket that receives what the notifier sends. */
class SystemdNotifierTest {
    private static final int MSG_DONTWAIT = 0x40;

    interface Receiver extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] addr, int len);

        long recv(int fd, byte[] buf, long len, int flags);

        int close(int fd);
    }

    private static final Receiver C = Native.load("c", Receiver.class);

    private static String receiveAfter(String socketName, Runnable send) {
        int fd = C.socket(1, 2, 0);
        assertThat(fd).isNotNegative();
        try {
            byte[] addr = SystemdNotifier.sockaddr(socketName);
            assertThat(C.bind(fd, addr, addr.length)).as("bind %s", socketName).isZero();
            send.run();
            byte[] buf = new byte[512];
            long n = C.recv(fd, buf, buf.length, MSG_DONTWAIT);
            return n < 0 ? null : new String(Arrays.copyOf(buf, (int) n), StandardCharsets.UTF_8);
        } finally {
            C.close(fd);
        }
    }

    @Test
    void readinessReachesAPathSocket(@TempDir Path dir) {
        String path = dir.resolve("notify").toString();
        SystemdNotifier n = new SystemdNotifier(Map.of("NOTIFY_SOCKET", path));
        assertThat(receiveAfter(path, () -> assertThat(n.ready("flying")).isTrue())).isEqualTo("READY=1\nSTATUS=flying");
    }

    @Test
    void watchdogReachesAnAbstractNamespaceSocket() {
        String name = "@sunsync-test-" + System.nanoTime();
        SystemdNotifier n = new SystemdNotifier(Map.of("NOTIFY_SOCKET", name, "WATCHDOG_USEC", "2000000"));
        assertThat(n.watchdogUsec()).contains(2_000_000L);
        assertThat(receiveAfter(name, () -> assertThat(n.watchdog()).isTrue())).isEqualTo("WATCHDOG=1");
    }

    @Test
    void withoutSystemdNothingIsSentAndNothingFails() {
        SystemdNotifier n = new SystemdNotifier(Map.of());
        assertThat(n.enabled()).isFalse();
        assertThat(n.ready("x")).isFalse();
        assertThat(n.watchdogUsec()).isEmpty();
    }

    @Test
    void theKeeperPingsAtHalfTheIntervalOfWallTime() {
        String name = "@sunsync-keeper-" + System.nanoTime();
        SystemdNotifier n = new SystemdNotifier(Map.of("NOTIFY_SOCKET", name, "WATCHDOG_USEC", "1000000"));
        AtomicLong nanos = new AtomicLong();
        WatchdogKeeper keeper = new WatchdogKeeper(n, nanos::get);
        int fd = C.socket(1, 2, 0);
        byte[] addr = SystemdNotifier.sockaddr(name);
        C.bind(fd, addr, addr.length);
        try {
            for (int i = 0; i < 20; i++) { // 20 ticks, 100 ms apart: 2 s of wall time, one ping per 500 ms
                keeper.tick(java.time.Instant.EPOCH);
                nanos.addAndGet(100_000_000L);
            }
            assertThat(keeper.sent()).isEqualTo(4);
        } finally {
            C.close(fd);
        }
    }
}
