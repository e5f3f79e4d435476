package io.stella.harness.livekit.media.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.ConversationShape;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.CallReport;

import java.util.Optional;

/**
 * What the harness and a media worker process say to each other, one JSON object per line: calls to
 * place one way, each call's figures as they are measured the other way. Lines of the protocol carry
 * a prefix, so anything else a native library prints on standard output is told apart and ignored.
 */
final class WorkerMessages {

    static final String PREFIX = "@stella-media ";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Place a call; the participant token is a secret and goes nowhere but the call. */
    record Call(long id, String livekitUrl, String participantToken, ConversationShape conversation, String engine) {
        @Override
        public String toString() {
            return "Call[id=" + id + ", livekitUrl=" + livekitUrl + ", participantToken=***]";
        }
    }

    /** One thing measured on call {@code id} (or, with {@code health}, about the worker's audio clock). */
    record Event(long id, String type, Long epochMillis, Long millis, CallReport.Turn turn, CallReport report,
                 AudioPacer.Health health) {
        static final String JOINED = "joined";
        static final String MEDIA_UP = "mediaUp";
        static final String GREETED = "greeted";
        static final String TURN = "turn";
        static final String ENDED = "ended";
        static final String HEALTH = "health";
    }

    private WorkerMessages() {
    }

    static String line(Object message) {
        try {
            return PREFIX + JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    /** The message on a protocol line; empty for any other line. */
    static <T> Optional<T> read(String line, Class<T> type) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line.substring(PREFIX.length()), type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
