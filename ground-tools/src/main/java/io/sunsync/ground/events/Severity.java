package io.sunsync.ground.events;

import io.sunsync.ground.telemetry.Level;

/** Event severity as the ICD defines it (after PUS service 5), least to most serious. */
public enum Severity {
    /** Normal progress. */
    INFO,
    /** Low severity anomaly, handled on board. */
    LOW,
    /** Medium severity: on-board action taken. */
    MEDIUM,
    /** High severity: safe mode or loss of function. */
    HIGH;

    /** How an operator's screen highlights it. */
    public Level level() {
        return switch (this) {
            case INFO, LOW -> Level.NOMINAL;
            case MEDIUM -> Level.WARNING;
            case HIGH -> Level.ALARM;
        };
    }
}
