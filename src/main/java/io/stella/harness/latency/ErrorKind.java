package io.stella.harness.latency;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a request failed, told apart so that "the target refused fast" (429/503) never reads like
 * "the target hung" (timeout), "the target vanished" (connection) or "the target answered nonsense"
 * (a bad answer: not JSON, the wrong content type, oversized). Gatling keeps only the failure
 * message, so the kind is read from it.
 */
public enum ErrorKind {
    HTTP_4XX, HTTP_5XX, TIMEOUT, CONNECTION, BAD_ANSWER, OTHER,
    /** A voice turn (or greeting) the agent never answered within the reply timeout. */
    NO_REPLY,
    /** A call whose media never connected, or broke while it went on. */
    MEDIA_FAILED,
    /** A call whose received audio lost or concealed more than the profile allows. */
    AUDIO_LOST,
    /** An agent the caller spoke over that talked on past the profile's limit (barge-in). */
    NOT_INTERRUPTED,
    /** An agent that went silent when the caller only backchannelled ("uh-huh"): it took that for an interruption. */
    FALSE_INTERRUPTION,
    /** An agent that began to speak while the caller was still speaking its turn. */
    PREMATURE_REPLY,
    /** A conversation with a turn answered later than the profile's {@code goodTurnWithinMillis}: not good. */
    SLOW_TURN,
    /** An agent that left its room mid-call (it crashed) with no other taking over in time: the call was lost. */
    AGENT_LOST,
    /** A conversation whose agent left mid-call, whether or not another took over: not good. */
    AGENT_LEFT,
    /** A conversation with two agents in its room at once (a job given to two workers): not good. */
    TWO_AGENTS;

    // Gatling names the check that failed first: "jsonPath($.items).find.exists, ...", "bodyLength.find..."
    private static final Pattern BODY_OR_HEADER_CHECK = Pattern.compile(
            "^(jsonPath|jmesPath|header|bodyString|bodyBytes|bodyLength|substring|regex|css|xpath)[.(]");

    // Gatling's status check: "status.find.is(201), but actually found 503"
    private static final Pattern FOUND_STATUS = Pattern.compile("found (\\d{3})\\b");

    /**
     * A request's failure as it is seen while the run goes, before Gatling's messages can be read: a
     * 4xx or 5xx status by its class; a failed answer with another status had a check fail on it
     * (BAD_ANSWER); no status and the request's timeout taken is TIMEOUT; no status otherwise is OTHER
     * (a connection that failed, or a step with no HTTP, such as an awaited frame). Null: it did not fail.
     */
    public static ErrorKind ofLiveAnswer(Integer statusOrNull, boolean failed, boolean tookTheTimeout) {
        if (statusOrNull != null && statusOrNull >= 400) {
            return statusOrNull >= 500 ? HTTP_5XX : HTTP_4XX;
        }
        if (!failed) {
            return null;
        }
        return statusOrNull != null ? BAD_ANSWER : tookTheTimeout ? TIMEOUT : OTHER;
    }

    public static ErrorKind of(String gatlingMessage) {
        String message = gatlingMessage == null ? "" : gatlingMessage;
        Matcher status = FOUND_STATUS.matcher(message);
        if (message.startsWith("status") && status.find()) {
            int code = Integer.parseInt(status.group(1));
            return code >= 500 ? HTTP_5XX : code >= 400 ? HTTP_4XX : OTHER;
        }
        if (BODY_OR_HEADER_CHECK.matcher(message).find()) {
            return BAD_ANSWER;
        }
        String lower = message.toLowerCase();
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return TIMEOUT;
        }
        if (lower.contains("connect") || lower.contains("connection") || lower.contains("closed")
                || lower.contains("reset") || lower.contains("premature") || lower.contains("unresolved") || lower.contains("unknownhost")) {
            return CONNECTION;
        }
        return OTHER;
    }
}
