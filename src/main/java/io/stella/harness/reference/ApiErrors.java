package io.stella.harness.reference;

import io.javalin.http.Context;


/** Every error the reference target gives has one JSON shape: {@code {"error","message"}}. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** The body of every error answer; a record so the fields keep this order. */
    record ErrorBody(String error, String message) {
    }

    static void send(Context ctx, int status, String error, String message) {
        ctx.status(status).json(new ErrorBody(error, message));
    }

    /** 429 or 503 with the seconds after which a retry makes sense. */
    static void refuse(Context ctx, int status, long retryAfterSec, String error, String message) {
        ctx.header("Retry-After", Long.toString(retryAfterSec));
        send(ctx, status, error, message);
    }
}
