package io.stella.harness.reference;

import io.javalin.http.Context;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every answer carries a request id, as a service that correlates its logs across services does:
 * the caller's {@code X-Request-Id} when it sent a sane one (so the caller's id, the harness's trace
 * id, finds this request in the logs), a new one otherwise.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    /** Ids are echoed only when short and plain: an echoed header must not carry what a caller smuggles in. */
    static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {
    }

    static void answerWithOne(Context ctx) {
        String sent = ctx.header(HEADER);
        ctx.header(HEADER, sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString());
    }
}
