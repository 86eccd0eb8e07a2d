package io.sunsync.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a broker, to simulate a link outage while the broker stays up:
 * {@link #cut()} drops every connection through it and refuses new ones (they are accepted and
 * closed at once) until {@link #restore()}. Thread safe; closing it stops it.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean stalled;
    private final Object stallLock = new Object();
    private volatile boolean closed;

    private TcpProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        Thread t = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** A relay on a free loopback port to 127.0.0.1:{@code targetPort}. */
    public static TcpProxy to(int targetPort) {
        try {
            ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new TcpProxy(s, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the proxy's port", e);
        }
    }

    /** The port to connect to instead of the broker's. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://127.0.0.1:port} of the relay. */
    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Connections accepted and relayed so far. */
    public long connections() {
        return accepted.get();
    }

    /** Drops every connection and refuses new ones, as a lost link does. */
    public void cut() {
        cut = true;
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** Lets connections through again (and ends a {@link #stall()}). */
    public void restore() {
        cut = false;
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
    }

    /**
     * Keeps the connections open but stops relaying bytes, as a link that fades without a TCP
     * reset does: nothing is acknowledged any more. {@link #restore()} or {@link #cut()} ends it.
     */
    public void stall() {
        stalled = true;
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket in;
            try {
                in = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(in);
                continue;
            }
            try {
                Socket out = new Socket();
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                sockets.add(in);
                sockets.add(out);
                accepted.incrementAndGet();
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                closeQuietly(in);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream is = from.getInputStream(); OutputStream os = to.getOutputStream()) {
                int n;
                while ((n = is.read(buf)) >= 0) {
                    synchronized (stallLock) {
                        while (stalled && !cut) {
                            stallLock.wait(50);
                        }
                    }
                    if (cut) {
                        return;
                    }
                    os.write(buf, 0, n);
                    os.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SocketException closing) {
                // cut or closed
            } catch (IOException e) {
                // the other side went
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
