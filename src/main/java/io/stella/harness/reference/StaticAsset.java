package io.stella.harness.reference;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A cacheable asset, as a CDN in front of STELLA's frontend should see it: max-age, ETag, 304. */
final class StaticAsset {

    static final int MAX_AGE_SEC = 3600;
    private static final byte[] BODY = "/* STELLA web client (reference build) */\nconsole.log('stella');\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final String ETAG = "\"" + sha256(BODY).substring(0, 16) + "\"";

    private final boolean cacheHeaders;

    StaticAsset(boolean cacheHeaders) {
        this.cacheHeaders = cacheHeaders;
    }

    void serve(Context ctx) {
        if (!cacheHeaders) {
            ctx.contentType("application/javascript").result(BODY);
            return;
        }
        ctx.header("Cache-Control", "public, max-age=" + MAX_AGE_SEC);
        ctx.header("ETag", ETAG);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals(ETAG) || ifNoneMatch.equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/javascript").result(BODY);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
