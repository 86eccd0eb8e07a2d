package io.sunsync.testkit;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a test started and must stop (links, clients, proxies), closed in the reverse order of
 * {@link #add} when this closes; with JUnit's {@code @AutoClose} on the field, after each test.
 * Every one is closed even if one fails: the first failure is thrown, the others suppressed in it.
 * Thread safe.
 */
public final class Closer implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Adds {@code c} to be closed (before everything added earlier); returns it. */
    public synchronized <T extends AutoCloseable> T add(T c) {
        started.push(c);
        return c;
    }

    @Override
    public synchronized void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
