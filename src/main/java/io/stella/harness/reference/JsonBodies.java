package io.stella.harness.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.util.Optional;

/** Reads a request's JSON object body; anything else is answered 400 with the JSON error shape. */
final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    /** The body as an object, or empty after a 400 has been sent. */
    static Optional<JsonNode> object(Context ctx) {
        try {
            JsonNode body = MAPPER.readTree(ctx.body());
            if (body != null && body.isObject()) {
                return Optional.of(body);
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        ApiErrors.send(ctx, 400, "bad_request", "the body must be a JSON object");
        return Optional.empty();
    }

    /** A required string field, or empty after a 400 has been sent. */
    static Optional<String> text(Context ctx, JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            return Optional.of(value.asText());
        }
        ApiErrors.send(ctx, 400, "bad_request", "\"" + field + "\" must be a non-empty string");
        return Optional.empty();
    }
}
