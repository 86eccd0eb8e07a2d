package io.sunsync.ground.store;

import java.sql.SQLException;

/**
 * A store operation failed; {@link #error()} says how. The message is for an operator and never
 * holds a password.
 */
public final class StoreException extends Exception {
    private final StoreError error;

    /** @param error what kind of failure; @param message for the operator */
    public StoreException(StoreError error, String message) {
        super(message);
        this.error = error;
    }

    /** @param error what kind of failure; @param message for the operator; @param cause the underlying failure */
    public StoreException(StoreError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /** What kind of failure. */
    public StoreError error() {
        return error;
    }

    /** True if trying again later may succeed. */
    public boolean retryable() {
        return error.retryable();
    }

    /** The SQLSTATE of the first {@link SQLException} in the cause chain, or null. */
    public String sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return error + ": " + getMessage();
    }
}
