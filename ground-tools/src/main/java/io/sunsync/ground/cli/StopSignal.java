package io.sunsync.ground.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Lets a long-running command (a recorder, an ingest worker) stop cleanly on Ctrl-C or SIGTERM:
 * the JVM's shutdown hook raises the signal, then waits until the command has closed its files
 * ({@link #close()}). Raised from the hook thread, read from the command's thread.
 */
final class StopSignal implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean raised;

    private StopSignal(String name) {
        hook = new Thread(() -> {
            raised = true;
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A signal raised when the JVM is asked to shut down. */
    static StopSignal onShutdown(String name) {
        return new StopSignal(name);
    }

    /** True once shutdown was asked for. */
    boolean raised() {
        return raised;
    }

    /** The command is done: a waiting shutdown may go on. */
    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and may now return
        }
    }
}
