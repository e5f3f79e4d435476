package io.stella.harness.reference.livekit;

/** A Twirp error: its HTTP status and the {@code {"code","msg"}} body Twirp clients expect. */
final class TwirpException extends Exception {

    private final int status;
    private final String code;

    TwirpException(int status, String code, String msg) {
        super(msg, null, false, false);
        this.status = status;
        this.code = code;
    }

    static TwirpException permissionDenied() {
        return new TwirpException(401, "unauthenticated", "permissions denied");
    }

    static TwirpException notFound(String msg) {
        return new TwirpException(404, "not_found", msg);
    }

    static TwirpException invalidArgument(String msg) {
        return new TwirpException(400, "invalid_argument", msg);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
