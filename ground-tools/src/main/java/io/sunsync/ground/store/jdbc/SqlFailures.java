package io.sunsync.ground.store.jdbc;

import io.sunsync.ground.store.StoreError;
import io.sunsync.ground.store.StoreException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns what a JDBC driver or pool threw into a {@link StoreException} whose {@link StoreError}
 * says what it means for an operator and whether to retry, by SQLSTATE (PostgreSQL's codes; SQLite
 * reports busy and locked as vendor codes 5 and 6). Stateless.
 */
public final class SqlFailures {
    private SqlFailures() {
    }

    /**
     * The store exception for {@code failure} during {@code what} on {@code where}.
     *
     * @param where the store's location (no password), for the message
     */
    public static StoreException classify(Throwable failure, String what, String where) {
        SQLException sql = null;
        boolean refused = false;
        boolean unknownHost = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (sql == null || sql.getSQLState() == null && s.getSQLState() != null)) {
                sql = s;
            }
            refused |= t instanceof ConnectException;
            unknownHost |= t instanceof UnknownHostException;
            if (t.getCause() == t) {
                break;
            }
        }
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String detail = firstLine(sql != null ? sql.getMessage() : failure.getMessage());
        StoreError error;
        if (unknownHost) {
            error = StoreError.UNREACHABLE;
            detail = "unknown host: " + detail;
        } else if (refused || state.startsWith("08")) {
            error = StoreError.UNREACHABLE;
        } else if (state.startsWith("28")) {
            error = StoreError.AUTHENTICATION;
        } else if (state.equals("3D000")) {
            error = StoreError.NO_DATABASE;
        } else if (state.startsWith("57") || state.startsWith("53") || state.equals("40001") || state.equals("40P01")
                || state.startsWith("58")) {
            error = StoreError.UNAVAILABLE;
        } else if (state.startsWith("22") || state.equals("23502") || state.equals("23514") || state.startsWith("2202")) {
            error = StoreError.REJECTED;
        } else if (state.startsWith("42")) {
            error = StoreError.SCHEMA;
        } else if (failure instanceof SQLTransientConnectionException || isSqliteBusy(sql)) {
            error = StoreError.UNAVAILABLE;
        } else {
            error = StoreError.FAILED;
        }
        String message = what + " on " + where + " failed: " + (detail == null ? failure.getClass().getSimpleName() : detail)
                + (state.isEmpty() ? "" : " [SQLSTATE " + state + "]");
        return new StoreException(error, message, failure);
    }

    private static boolean isSqliteBusy(SQLException sql) {
        return sql != null && (sql.getErrorCode() == 5 || sql.getErrorCode() == 6);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
