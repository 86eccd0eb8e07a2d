package io.sunsync.flight.store.log;

import java.io.IOException;

/**
 * The bytes read back at a frame's position are not that frame (see {@link FrameProblem}): the
 * file was damaged after the frame was written.
 */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;
    private final FrameProblem problem;

    public FrameException(FrameProblem problem, String where) {
        super(problem.text() + " at " + where);
        this.problem = problem;
    }

    /** What is wrong with the frame. */
    public FrameProblem problem() {
        return problem;
    }
}
