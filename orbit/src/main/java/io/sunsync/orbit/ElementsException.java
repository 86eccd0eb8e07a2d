package io.sunsync.orbit;

import java.util.Objects;

/** Elements refused, with the {@link ElementsProblem} code and a reason an operator can act on. */
public final class ElementsException extends RuntimeException {
    private final ElementsProblem problem;

    public ElementsException(ElementsProblem problem, String detail) {
        super(detail);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public ElementsException(ElementsProblem problem, String detail, Throwable cause) {
        super(detail, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** What kind of problem. */
    public ElementsProblem problem() {
        return problem;
    }
}
