package io.sunsync.flight.actuate;

import java.util.List;
import java.util.Objects;

/**
 * The commands one caller wants run on one board, in order (e.g. set the cap, then enable). A
 * plan sent to a board whose lane is busy waits for the command in progress; a newer plan for the
 * same board replaces one still waiting (the newest decision wins), except that a waiting shed is
 * never replaced by a plan that is not a shed.
 *
 * @param boardId  the board
 * @param commands the commands, run one after another whatever each one's result (not empty)
 * @param origin   who asked, for events and counters: {@code throttler}, {@code fdir}, {@code ground},
 *                 {@link #SHED} or another component's name
 */
public record BoardPlan(String boardId, List<BoardCommand> commands, String origin) {
    /** The origin of the fast path's plans ({@link BoardActuator#shedAll}). */
    public static final String SHED = "shed";

    public BoardPlan {
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(origin, "origin");
        commands = List.copyOf(commands);
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a plan for " + boardId + " needs at least one command");
        }
    }

    /** A plan of one command. */
    public static BoardPlan of(String boardId, BoardCommand command, String origin) {
        return new BoardPlan(boardId, List.of(command), origin);
    }

    /** True for a plan of the fast shed path. */
    public boolean isShed() {
        return SHED.equals(origin);
    }
}
