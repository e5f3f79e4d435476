package io.stella.harness.reference;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.stella.harness.config.ConfigException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Answers broken on purpose, so that what the harness makes of a misbehaving target can be seen:
 * {@code REFERENCE_BROKEN_ANSWER} breaks every answer to listing sessions ({@code GET /api/sessions})
 * in one way. The other calls stay healthy, so a run's journeys go on around the broken one.
 */
public enum BrokenAnswers {
    /** Healthy answers. */
    NONE,
    /** 200 with {@code application/json} and a body that is not JSON. */
    GARBAGE_JSON,
    /** 200 with an HTML page, as a proxy's error page would come. */
    WRONG_CONTENT_TYPE,
    /** 200 with a valid JSON body of {@value #HUGE_BODY_BYTES} bytes. */
    HUGE_BODY,
    /** 200 whose body comes one byte every {@value #TRICKLE_EVERY_MILLIS} ms, for up to a minute. */
    TRICKLE,
    /** The connection dropped halfway through the body (less sent than {@code Content-Length} says). */
    RESET,
    /** No answer for {@value #STALL_MILLIS} ms. */
    STALL;

    public static final String SETTING = "REFERENCE_BROKEN_ANSWER";
    /** Eight times the 1 MB a JSON answer may have: huge for a page of sessions, light enough to send 4 a second on 2 busy cores. */
    static final int HUGE_BODY_BYTES = 8 * 1024 * 1024;
    static final long TRICKLE_EVERY_MILLIS = 200;
    static final long STALL_MILLIS = 15_000;
    private static final long TRICKLE_FOR_MILLIS = 60_000;

    private static byte[] hugeBody;

    static BrokenAnswers parse(String text) {
        if (text == null) {
            return NONE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SETTING + ": must be one of " + String.join(", ", Arrays.stream(values())
                    .map(BrokenAnswers::settingText).toList()) + " (was " + text + ")");
        }
    }

    public String settingText() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The healthy handler, or one that breaks its answer this way. */
    Handler wrap(Handler healthy) {
        if (this == NONE) {
            return healthy;
        }
        return ctx -> {
            healthy.handle(ctx); // the work is done (and the auth and rate checks applied), then the answer breaks
            if (ctx.statusCode() / 100 == 2) {
                breakAnswer(ctx);
            }
        };
    }

    private void breakAnswer(Context ctx) throws IOException {
        switch (this) {
            case GARBAGE_JSON -> ctx.contentType("application/json").result("{\"items\": [{\"id\": tru");
            case WRONG_CONTENT_TYPE -> ctx.contentType("text/html")
                    .result("<html><body><h1>502 Bad Gateway</h1><p>upstream unavailable</p></body></html>");
            case HUGE_BODY -> ctx.contentType("application/json").result(hugeBody());
            case TRICKLE -> trickle(ctx);
            case RESET -> {
                ctx.res().setContentType("application/json");
                ctx.res().setContentLength(10_000);
                OutputStream out = ctx.res().getOutputStream();
                out.write("{\"items\": [".getBytes(StandardCharsets.UTF_8));
                out.flush(); // committed with a length it never reaches: Jetty then drops the connection
                ctx.skipRemainingHandlers();
            }
            case STALL -> stall();
            default -> {
            }
        }
    }

    private static void stall() {
        try {
            Thread.sleep(STALL_MILLIS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt(); // the server stops: nothing more to say
        }
    }

    private static void trickle(Context ctx) {
        ctx.res().setContentType("application/json");
        long until = System.currentTimeMillis() + TRICKLE_FOR_MILLIS;
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.write("{\"items\": [], \"padding\": \"".getBytes(StandardCharsets.UTF_8));
            while (System.currentTimeMillis() < until) {
                out.write('a');
                out.flush();
                Thread.sleep(TRICKLE_EVERY_MILLIS);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException clientGone) {
            // the client gave up waiting, as it should
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized byte[] hugeBody() {
        if (hugeBody == null) {
            byte[] prefix = "{\"items\": [], \"nextCursor\": null, \"padding\": \"".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[HUGE_BODY_BYTES];
            Arrays.fill(body, (byte) 'a');
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            body[body.length - 2] = '"';
            body[body.length - 1] = '}';
            hugeBody = body;
        }
        return hugeBody;
    }
}
