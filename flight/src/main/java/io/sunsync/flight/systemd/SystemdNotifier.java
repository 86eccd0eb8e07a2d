package io.sunsync.flight.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sd_notify} protocol: one datagram per message to the {@code AF_UNIX} socket named
 * by {@code $NOTIFY_SOCKET} (a path, or an abstract-namespace name when it starts with
 * {@code @}), sent through libc with JNA because the JDK has no Unix datagram sockets. A no-op
 * when not running under systemd. Failures are logged, never thrown: the watchdog must not take
 * the flight software down. Thread safe.
 */
public final class SystemdNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SUN_PATH_MAX = 108;

    /** The libc calls used. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen);

        int close(int fd);
    }

    private final String socketName;
    private final long watchdogUsec;
    private volatile LibC libc;

    /** Reads {@code NOTIFY_SOCKET} and {@code WATCHDOG_USEC} from {@code env}. */
    public SystemdNotifier(Map<String, String> env) {
        this.socketName = env.get("NOTIFY_SOCKET");
        long usec = 0;
        try {
            usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", "0"));
        } catch (NumberFormatException e) {
            LOG.warn("systemd: ignoring unparsable WATCHDOG_USEC");
        }
        this.watchdogUsec = usec;
    }

    /** True when running under systemd with a notify socket. */
    public boolean enabled() {
        return socketName != null && !socketName.isEmpty();
    }

    /** The watchdog interval systemd asked for, in µs, if any. */
    public Optional<Long> watchdogUsec() {
        return enabled() && watchdogUsec > 0 ? Optional.of(watchdogUsec) : Optional.empty();
    }

    /** Start-up finished. */
    public boolean ready(String status) {
        return send("READY=1\nSTATUS=" + status);
    }

    /** The main loop is alive. */
    public boolean watchdog() {
        return send("WATCHDOG=1");
    }

    /** Shutting down. */
    public boolean stopping(String status) {
        return send("STOPPING=1\nSTATUS=" + status);
    }

    /** Sends one raw message; true if it was sent. */
    public boolean send(String state) {
        if (!enabled()) {
            return false;
        }
        byte[] addr = sockaddr(socketName);
        if (addr == null) {
            LOG.warn("systemd: NOTIFY_SOCKET is too long, not notifying");
            return false;
        }
        LibC c = libc();
        int fd = c.socket(AF_UNIX, SOCK_DGRAM, 0);
        if (fd < 0) {
            LOG.warn("systemd: socket() failed, errno {}", Native.getLastError());
            return false;
        }
        try {
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            int n = c.sendto(fd, msg, msg.length, 0, addr, addr.length);
            if (n < 0) {
                LOG.warn("systemd: sendto({}) failed, errno {}", socketName, Native.getLastError());
                return false;
            }
            return true;
        } finally {
            c.close(fd);
        }
    }

    private LibC libc() {
        LibC c = libc;
        if (c == null) {
            c = Native.load("c", LibC.class);
            libc = c;
        }
        return c;
    }

    /**
     * {@code struct sockaddr_un} for {@code name}: family (native-endian short), then the path;
     * an abstract name ({@code @...}) gets a leading NUL and no terminator, as sd_notify does.
     */
    static byte[] sockaddr(String name) {
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = name.startsWith("@");
        if (path.length >= SUN_PATH_MAX) {
            return null;
        }
        int len = 2 + path.length + (abstractName ? 0 : 1);
        byte[] addr = new byte[len];
        short family = AF_UNIX;
        if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN) {
            addr[0] = (byte) family;
            addr[1] = 0;
        } else {
            addr[0] = 0;
            addr[1] = (byte) family;
        }
        System.arraycopy(path, 0, addr, 2, path.length);
        if (abstractName) {
            addr[2] = 0;
        }
        return addr;
    }
}
