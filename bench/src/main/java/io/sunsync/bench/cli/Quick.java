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
}
