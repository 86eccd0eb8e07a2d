package io.sunsync.flight.events;

/** How serious an event is, after PUS service 5's report levels. Ordered from least to most. */
public enum Severity {
    /** Normal progress (a job finished, a mode entered on command). */
    INFO,
    /** Low severity anomaly: noted, handled on board. */
    LOW,
    /** Medium severity: on-board action taken (load shed, board isolated). */
    MEDIUM,
    /** High severity: safe mode or loss of function. */
    HIGH
}
