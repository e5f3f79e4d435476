package io.stella.harness.reference;

import io.stella.harness.config.Settings;
import io.stella.harness.reference.ReceivedTraces.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference target records the trace context each request brought, so tests can assert what arrived. */
class ReceivedTracesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static ReferenceTarget target;

    @BeforeAll
    static void start() {
        target = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of("STELLA_CLIENT_SECRET", "received-secret"))));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void aRequestsTraceIdFlagsAndRequestIdAreRecordedAsTheyArrived() throws Exception {
        get("/healthz", "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-00", "X-Request-Id", TRACE_ID);
        get("/api/sessions/unknown", "traceparent", "00-" + "a".repeat(32) + "-00f067aa0ba902b7-01", "X-Request-Id", "other-id");

        Set<Received> received = target.received().all();

        assertTrue(received.contains(new Received(TRACE_ID, "00", TRACE_ID)), received.toString());
        assertTrue(received.contains(new Received("a".repeat(32), "01", "other-id")), "a refused request reached it too: " + received);
        assertEquals(0, target.received().notRecorded());
    }

    @Test
    void anUnreadableTraceparentOrAnIdTheTargetWouldNotEchoIsRecordedAsNone() throws Exception {
        get("/healthz", "traceparent", "00-" + "b".repeat(31) + "-00f067aa0ba902b7-01", "X-Request-Id", "unreadable-traceparent");
        get("/healthz", "traceparent", "00-" + "c".repeat(32) + "-00f067aa0ba902b7-01", "X-Request-Id", "x".repeat(129));

        Set<Received> received = target.received().all();

        assertTrue(received.contains(new Received(null, null, "unreadable-traceparent")), received.toString());
        assertTrue(received.contains(new Received("c".repeat(32), "01", null)), received.toString());
    }

    @Test
    void aRequestWithoutEitherHeaderTakesNoPlace() throws Exception {
        ReceivedTraces traces = new ReceivedTraces(10);

        traces.record(null, null);

        assertTrue(traces.all().isEmpty());
        assertEquals(0, traces.notRecorded());
    }

    @Test
    void atTheCapLaterRequestsAreCountedNotKept() {
        ReceivedTraces traces = new ReceivedTraces(2);

        traces.record("00-" + "1".repeat(32) + "-00f067aa0ba902b7-00", null);
        traces.record("00-" + "2".repeat(32) + "-00f067aa0ba902b7-00", null);
        traces.record("00-" + "3".repeat(32) + "-00f067aa0ba902b7-00", null);
        traces.record(null, "fourth");

        assertEquals(Set.of(new Received("1".repeat(32), "00", null), new Received("2".repeat(32), "00", null)), traces.all());
        assertEquals(2, traces.notRecorded());
        assertFalse(traces.all().stream().anyMatch(entry -> "fourth".equals(entry.requestId())));
    }

    private static void get(String path, String... headers) throws Exception {
        HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(target.baseUrl().resolve(path)).headers(headers).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertTrue(answer.statusCode() > 0);
    }
}
