package io.sunsync.flight.lifecycle;

/**
 * A required component of a {@link ComponentGroup} did not start; the group stopped the rest and
 * is {@link Lifecycle.State#FAILED}. The cause is what the component threw.
 */
public final class ComponentStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String component;

    /**
     * @param component the component's name in the group
     * @param cause     what its start threw
     */
    public ComponentStartException(String component, RuntimeException cause) {
        super(component + " did not start: " + cause.getMessage(), cause);
        this.component = component;
    }

    /** The name of the component that did not start. */
    public String component() {
        return component;
    }
}
