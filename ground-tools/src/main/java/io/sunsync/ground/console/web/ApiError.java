package io.sunsync.ground.console.web;

/**
 * A request the console refuses, answered as {@code {"code", "error"}} with an HTTP status; the
 * page shows the message. Nothing was done.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
