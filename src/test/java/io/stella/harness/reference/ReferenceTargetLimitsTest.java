package io.stella.harness.reference;

import io.stella.harness.config.Settings;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference target's limits and injected faults, each against its own target on loopback. */
class ReferenceTargetLimitsTest {

    @Test
    void overThePerClientRateACallGets429WithRetryAfter() throws Exception {
        try (ReferenceTarget target = start(Map.of(ReferenceSettings.RATE_LIMIT, "5"))) {
            String bearer = bearer(target);
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(ReferenceTargetContractTest.call(target, "GET", "/api/sessions", bearer, null));
            }
            HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow(
                    () -> new AssertionError("no 429 in 20 calls at a limit of 5/s"));
            assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            ReferenceTargetContractTest.assertErrorShape(refused, "rate_limited");
        }
    }

    @Test
    void overTheConcurrencyLimitACallGets503AtOnce() throws Exception {
        // One call in flight at a time, each held 500 ms: the second of two simultaneous calls must be shed.
        try (ReferenceTarget target = start(Map.of(ReferenceSettings.MAX_CONCURRENT, "1",
                ReferenceSettings.ADDED_LATENCY, "500ms"))) {
            String bearer = bearer(target);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<CompletableFuture<Long>> shedMillis = new ArrayList<>();
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
                        try {
                            return ReferenceTargetContractTest.call(target, "GET", "/api/sessions", bearer, null);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool);
                    answers.add(answer);
                }
                long shed = answers.stream().map(CompletableFuture::join).filter(a -> a.statusCode() == 503).count();
                assertTrue(shed >= 1, "expected at least one 503 among 4 simultaneous calls with a limit of 1");
                HttpResponse<String> refused = answers.stream().map(CompletableFuture::join)
                        .filter(a -> a.statusCode() == 503).findFirst().orElseThrow();
                assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
                ReferenceTargetContractTest.assertErrorShape(refused, "overloaded");
            } finally {
                pool.shutdownNow();
            }
            // Probes are never shed: liveness must answer while the API is saturated.
            assertEquals(200, ReferenceTargetContractTest.call(target, "GET", "/healthz", null, null).statusCode());
        }
    }

    @Test
    void withFastSheddingOffARefusalIsHeldASecondAndCarriesNoRetryAfter() throws Exception {
        try (ReferenceTarget target = start(Map.of(ReferenceSettings.RATE_LIMIT, "5", ReferenceSwitches.FAST_SHEDDING, "false"))) {
            String bearer = bearer(target);
            HttpResponse<String> refused = null;
            long refusedMillis = 0;
            for (int i = 0; i < 20 && refused == null; i++) {
                long startNanos = System.nanoTime();
                HttpResponse<String> answer = ReferenceTargetContractTest.call(target, "GET", "/api/sessions", bearer, null);
                if (answer.statusCode() != 200) {
                    refused = answer;
                    refusedMillis = (System.nanoTime() - startNanos) / 1_000_000;
                }
            }
            assertTrue(refused != null, "no refusal in 20 calls at a limit of 5/s");
            assertEquals(503, refused.statusCode());
            assertTrue(refused.headers().firstValue("Retry-After").isEmpty(), "Retry-After " + refused.headers().map());
            assertTrue(refusedMillis >= CallGuard.SLOW_REFUSAL_MILLIS, "refused after " + refusedMillis + " ms");
            ReferenceTargetContractTest.assertErrorShape(refused, "unavailable");
        }
    }

    @Test
    void aTargetToldToFailEveryCallAnswers500InTheErrorShape() throws Exception {
        try (ReferenceTarget target = start(Map.of(ReferenceSettings.ERROR_PERCENT, "100"))) {
            HttpResponse<String> answer = ReferenceTargetContractTest.call(target, "POST", "/api/auth/token", null, "{}");
            assertEquals(500, answer.statusCode());
            ReferenceTargetContractTest.assertErrorShape(answer, "injected_failure");
            assertEquals(200, ReferenceTargetContractTest.call(target, "GET", "/healthz", null, null).statusCode(),
                    "injected failures are for API calls; probes stay honest");
        }
    }

    @Test
    void anAddedLatencyDelaysTheAnswerByThatMuch() throws Exception {
        try (ReferenceTarget target = start(Map.of(ReferenceSettings.ADDED_LATENCY, "150ms"))) {
            ReferenceTargetContractTest.call(target, "GET", "/healthz", null, null); // first call warms the path
            long startNanos = System.nanoTime();
            assertEquals(200, ReferenceTargetContractTest.call(target, "GET", "/healthz", null, null).statusCode());
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            assertTrue(elapsedMillis >= 150, "answered after " + elapsedMillis + " ms, before the added 150 ms");
        }
    }

    private static ReferenceTarget start(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("STELLA_CLIENT_SECRET", "limits-secret");
        return ReferenceTarget.start(ReferenceSettings.from(new Settings(all)));
    }

    private static String bearer(ReferenceTarget target) throws Exception {
        HttpResponse<String> answer = ReferenceTargetContractTest.call(target, "POST", "/api/auth/token", null,
                "{\"clientId\":\"stella-harness\",\"clientSecret\":\"limits-secret\"}");
        return "Bearer " + ReferenceTargetContractTest.json(answer).get("accessToken").asText();
    }
}
