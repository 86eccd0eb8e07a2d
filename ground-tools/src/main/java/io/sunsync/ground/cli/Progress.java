package io.sunsync.ground.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long operations (archive export, result download), or nothing
 * when it is turned off. Owned by the thread doing the work.
 */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param show     false for no bar at all
     * @param task     what is going on
     * @param maxBytes the total, in bytes
     */
    static Progress bytes(boolean show, String task, long maxBytes) {
        if (!show) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, maxBytes))
                .setUnit(" KiB", 1024).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build());
    }

    /** Moves the bar to {@code n}. */
    void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    /** Moves the bar to its end. */
    void done() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
