package io.sunsync.ground.mission;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The rehearsal's terminal: a progress bar (me.tongfei progressbar) over mission time with the
 * simulated date, state of charge and compute delivered, and the ground session's lines printed
 * above it. Without a terminal (a pipe, a log, a test) there is no bar: a status line is printed
 * at every tenth of the mission instead.
 *
 * <p>Thread safe: the bar redraws from its own thread, lines come from the ground script.
 */
public final class Console implements AutoCloseable {
    private final PrintStream out;
    private final ProgressBar bar;
    private final long totalS;
    private final Object lock = new Object();
    private String drawn = "";
    private int lastDecile = -1;

    /**
     * @param out    where to write
     * @param withBar draw a bar (only sensible on a terminal)
     * @param totalS the mission's length, in s
     */
    public Console(PrintStream out, boolean withBar, long totalS) {
        this.out = out;
        this.totalS = Math.max(1, totalS);
        this.bar = withBar ? new ProgressBarBuilder().setTaskName("mission").setInitialMax(Math.max(1, totalS / 3600))
                .setUnit(" h", 1).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                .setConsumer(new BarConsumer()).hideEta().build() : null;
    }

    /** True when a terminal is attached (a bar makes sense). */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** Prints {@code text} on its own line (above the bar). */
    public void line(String text) {
        synchronized (lock) {
            if (!drawn.isEmpty()) {
                out.print("\r" + " ".repeat(Math.min(400, visibleLength(drawn))) + "\r");
            }
            out.println(text);
            if (!drawn.isEmpty()) {
                out.print("\r" + drawn);
            }
            out.flush();
        }
    }

    /**
     * Moves the bar to {@code elapsedS} of mission time with {@code status} beside it (or, with
     * no bar, prints the status at each tenth of the mission).
     */
    public void progress(long elapsedS, String status) {
        long e = Math.max(0, Math.min(totalS, elapsedS));
        if (bar != null) {
            bar.stepTo(e / 3600);
            bar.setExtraMessage(status);
            return;
        }
        int decile = (int) (10 * e / totalS);
        if (decile > lastDecile) {
            lastDecile = decile;
            line(String.format(java.util.Locale.ROOT, "  mission %3d %%  %s", decile * 10, status));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            synchronized (lock) {
                out.println();
                drawn = "";
                out.flush();
            }
        }
    }

    private static int visibleLength(String s) {
        return s.replaceAll("\u001b\\[[;\\d]*m", "").length();
    }

    private final class BarConsumer implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            String cols = System.getenv("COLUMNS");
            if (cols != null && cols.matches("\\d{2,4}")) {
                return Math.max(60, Integer.parseInt(cols) - 1);
            }
            return 119;
        }

        @Override
        public void accept(String rendered) {
            synchronized (lock) {
                out.print("\r" + rendered);
                if (visibleLength(rendered) < visibleLength(drawn)) {
                    out.print(" ".repeat(visibleLength(drawn) - visibleLength(rendered)));
                    out.print("\r" + rendered);
                }
                drawn = rendered;
                out.flush();
            }
        }

        @Override
        public void close() {
            // the console's close prints the final newline
        }
    }
}
