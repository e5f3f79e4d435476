package io.stella.harness.reference.livekit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Twirp call: the request decoded from protobuf or JSON by its Content-Type, the answer encoded
 * the same way (JSON with proto field names, defaults included, as Twirp v8 servers do), and errors
 * as Twirp's {@code {"code","msg"}}.
 */
final class TwirpCall {

    static final String PROTOBUF = "application/protobuf";
    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    private final Context ctx;
    private final boolean json;

    private TwirpCall(Context ctx, boolean json) {
        this.ctx = ctx;
        this.json = json;
    }

    /** The call, or null after a {@code bad_route} answer for a content type Twirp does not speak. */
    static TwirpCall of(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim();
        if (contentType.equals(PROTOBUF) || contentType.equals("application/x-protobuf")) {
            return new TwirpCall(ctx, false);
        }
        if (contentType.equals(JSON)) {
            return new TwirpCall(ctx, true);
        }
        error(ctx, new TwirpException(404, "bad_route", "unexpected Content-Type: \"" + contentType + "\""));
        return null;
    }

    <B extends Message.Builder> B read(B builder) throws TwirpException {
        try {
            if (json) {
                JsonFormat.parser().merge(ctx.body(), builder);
            } else {
                builder.mergeFrom(ctx.bodyAsBytes());
            }
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new TwirpException(400, "malformed", "the request could not be decoded: " + e.getMessage());
        }
    }

    void answer(Message message) {
        ctx.status(200);
        if (json) {
            try {
                ctx.contentType(JSON).result(PRINTER.print(message));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("every stand-in answer prints as JSON", e);
            }
        } else {
            ctx.contentType(PROTOBUF).result(message.toByteArray());
        }
    }

    static void error(Context ctx, TwirpException error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("msg", error.getMessage());
        try {
            ctx.status(error.status()).contentType(JSON).result(MAPPER.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
