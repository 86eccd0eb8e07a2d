package io.sunsync.ground.telemetry;

/**
 * Marks values by {@link Level}: with ANSI colour on a terminal (yellow for warnings, bold red
 * for alarms), and with plain-text markers otherwise ({@code !} after a warning, {@code !!}
 * after an alarm), so a log file or a pipe still shows what is out of limits. Immutable.
 */
public final class Highlighter {
    private static final String RESET = "\u001b[0m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED_BOLD = "\u001b[1;31m";

    private final boolean colour;

    /** @param colour true to use ANSI colour, false for plain markers */
    public Highlighter(boolean colour) {
        this.colour = colour;
    }

    /** Whether this highlighter uses colour. */
    public boolean colour() {
        return colour;
    }

    /** {@code text} marked for {@code level}. */
    public String paint(String text, Level level) {
        if (level == Level.NOMINAL) {
            return text;
        }
        if (colour) {
            return (level == Level.ALARM ? RED_BOLD : YELLOW) + text + RESET;
        }
        return text + (level == Level.ALARM ? "!!" : "!");
    }

    /** {@code text} padded on the left to {@code width} visible characters, then marked. */
    public String paintPadded(String text, Level level, int width) {
        String marked = paint(text, level);
        int visible = colour ? text.length() : marked.length();
        return " ".repeat(Math.max(0, width - visible)) + marked;
    }

    /** {@code text} marked, then padded on the right to {@code width} visible characters. */
    public String paintLeft(String text, Level level, int width) {
        String marked = paint(text, level);
        int visible = colour ? text.length() : marked.length();
        return marked + " ".repeat(Math.max(0, width - visible));
    }

    /** Text with ANSI escapes removed (for tests and width computations). */
    public static String strip(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
