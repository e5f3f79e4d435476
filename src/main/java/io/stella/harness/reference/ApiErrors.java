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

    /** The error name of a status the server itself gives (bad URIs, oversized bodies, unknown methods). */
    static String nameOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }

    /** 429 or 503 with the seconds after which a retry makes sense. */
    static void refuse(Context ctx, int status, long retryAfterSec, String error, String message) {
        ctx.header("Retry-After", Long.toString(retryAfterSec));
        send(ctx, status, error, message);
    }
}
