package io.sunsync.bench.cli;

import picocli.CommandLine.Option;

/**
 * {@code --quick}: the smaller size the suite ({@code ./sunsync bench}) runs; each command's
 * description says what it shortens. A picocli mixin; read after parsing, on the command's thread.
 */
public final class Quick {
    @Option(names = "--quick", description = "The suite's smaller size (see the description above).")
    boolean quick;

    /** Whether {@code --quick} was given. */
    public boolean on() {
        return quick;
    }

    /**
     * A size the command's own option may set: {@code given} when that option was given (not null),
     * else {@code quickSize} with {@code --quick}, else {@code fullSize}.
     */
    public <T> T pick(T given, T fullSize, T quickSize) {
        return given != null ? given : quick ? quickSize : fullSize;
    }

    /** {@code size}, held to at most {@code quickMax} with {@code --quick}. */
    public int atMost(int size, int quickMax) {
        return quick ? Math.min(size, quickMax) : size;
    }

    /** {@code size}, held to at most {@code quickMax} with {@code --quick}. */
    public double atMost(double size, double quickMax) {
        return quick ? Math.min(size, quickMax) : size;
    }
}
