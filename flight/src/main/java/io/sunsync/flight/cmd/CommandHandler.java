package io.sunsync.flight.cmd;

/**
 * Executes one command. Runs on the thread its {@link CommandSpec.Execution} names: the link's
 * inbound thread for {@code IMMEDIATE} commands (must return quickly and never wait on the
 * link), the scheduler thread for {@code CONTROL_LOOP} commands and for every time-tagged or
 * sequence command.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * @return {@link Outcome#completed} / {@link Outcome#failed} when done now, or
     *         {@link Outcome#running()} when the handler keeps {@code invocation} and finishes it
     *         later with {@link Invocation#complete} or {@link Invocation#fail}
     * @throws CommandFailure when execution fails (becomes a FAILED report with its code)
     */
    Outcome handle(Invocation invocation) throws CommandFailure;
}
