package io.stella.harness.reference.livekit.media;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What call.html reports of one call: the steps it got through, the sound it heard both ways, its ICE pairs. */
record PageReport(JsonNode json) {

    /** A stretch of sound on a track, in milliseconds since the page started. */
    record Stretch(long startMs, long endMs, double peakDbfs) {
        long lengthMs() {
            return endMs - startMs;
        }
    }

    /** The addresses of the ICE candidate pair a track's transport selected. */
    record Pair(String local, String remote) {
    }

    String error() {
        return json.path("error").isTextual() ? json.get("error").asText() : null;
    }

    List<String> steps() {
        List<String> steps = new ArrayList<>();
        json.path("steps").forEach(step -> steps.add(step.path("name").asText()));
        return steps;
    }

    String agentIdentity() {
        return json.path("agentIdentity").asText("");
    }

    List<Stretch> callerSpeech() {
        return stretches("callerSpeech");
    }

    List<Stretch> agentAudio() {
        return stretches("agentAudio");
    }

    Optional<Pair> microphonePair() {
        return pair("microphonePair");
    }

    Optional<Pair> agentPair() {
        return pair("agentPair");
    }

    /** When the caller last stopped speaking before {@code atMs}, if it had. */
    Optional<Long> callerSpeechEndedBefore(long atMs) {
        return callerSpeech().stream().map(Stretch::endMs).filter(end -> end < atMs).max(Long::compare);
    }

    private List<Stretch> stretches(String field) {
        List<Stretch> stretches = new ArrayList<>();
        json.path(field).forEach(s -> stretches.add(new Stretch(s.path("startMs").asLong(), s.path("endMs").asLong(),
                s.path("peakDbfs").asDouble())));
        return stretches;
    }

    private Optional<Pair> pair(String field) {
        JsonNode pair = json.path(field);
        return pair.isObject() ? Optional.of(new Pair(pair.path("local").asText(null), pair.path("remote").asText(null)))
                : Optional.empty();
    }
}
