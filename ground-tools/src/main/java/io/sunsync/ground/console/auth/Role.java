package io.sunsync.ground.console.auth;

/** What a console user may do. */
public enum Role {
    /** Sees everything; sends nothing and acknowledges nothing. */
    VIEWER,
    /** Also commands satellites, submits jobs and acknowledges alarms and results. */
    OPERATOR;

    /** True if this role may change anything (command, submit, acknowledge). */
    public boolean mayAct() {
        return this == OPERATOR;
    }
}
