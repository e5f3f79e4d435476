package io.stella.harness.reference.livekit;

import io.javalin.http.Context;

/**
 * Routes {@code POST /twirp/livekit.<Service>/<Method>} to a service's methods after LiveKit's
 * authentication; an unknown method is Twirp's {@code bad_route}.
 */
abstract class TwirpService {

    private final String name;
    private final LivekitAuth auth;

    TwirpService(String name, LivekitAuth auth) {
        this.name = name;
        this.auth = auth;
    }

    String pathPrefix() {
        return "/twirp/" + name + "/";
    }

    void handle(Context ctx) {
        LivekitAuth.Caller caller = auth.caller(ctx);
        if (caller.rejected()) {
            ctx.status(401).contentType("text/plain").result(caller.rejection());
            return;
        }
        TwirpCall call = TwirpCall.of(ctx);
        if (call == null) {
            return;
        }
        String method = ctx.path().substring(pathPrefix().length());
        try {
            if (!dispatch(method, call, caller.grantsOrNone())) {
                throw new TwirpException(404, "bad_route", "no handler for path \"" + ctx.path() + "\"");
            }
        } catch (TwirpException e) {
            TwirpCall.error(ctx, e);
        }
    }

    /** Runs the method and answers; false when this service has no such method. */
    abstract boolean dispatch(String method, TwirpCall call, LivekitGrants grants) throws TwirpException;

    static void require(boolean permitted) throws TwirpException {
        if (!permitted) {
            throw TwirpException.permissionDenied();
        }
    }
}
