package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A burst from one client must meet a 429 with {@code Retry-After} before {@code maxRequests}: a
 * bounded number of cheap, authenticated calls ({@code limit=1} lists) sent as fast as
 * {@value #IN_FLIGHT} connections allow. It stops at the first refusal.
 */
public final class RateLimitingProbe extends Probe {

    static final int IN_FLIGHT = 16;
    private final int maxRequests;

    public RateLimitingProbe(int maxRequests) {
        super("rateLimiting", ChecklistItem.RATE_LIMITING_ENABLED);
        this.maxRequests = maxRequests;
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        HttpRequest request = http.request(target.paths().sessions() + "?limit=1").header("Authorization", http.bearer()).GET().build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicReference<HttpResponse<Void>> refused = new AtomicReference<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long startNanos = System.nanoTime();
        int sent = 0;
        while (sent < maxRequests && refused.get() == null) {
            inFlight.acquire();
            sent++;
            CompletableFuture<HttpResponse<Void>> answer = http.client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
            answer.whenComplete((response, error) -> {
                if (response != null) {
                    synchronized (statuses) {
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                    }
                    if (response.statusCode() == 429) {
                        refused.compareAndSet(null, response);
                    }
                }
                inFlight.release();
            });
        }
        inFlight.acquire(IN_FLIGHT);
        long burstMillis = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
        long ratePerSec = sent * 1000L / burstMillis;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("sent", sent);
        evidence.put("burstMillis", burstMillis);
        evidence.put("ratePerSec", ratePerSec);
        evidence.put("statuses", statuses);
        HttpResponse<Void> refusal = refused.get();
        if (refusal == null) {
            return List.of(result(ItemStatus.FAIL, "no 429 in a burst of " + sent + " requests from one client at "
                    + ratePerSec + " req/s for " + burstMillis + " ms", evidence));
        }
        Optional<String> retryAfter = refusal.headers().firstValue("Retry-After");
        evidence.put("Retry-After", retryAfter.orElse("(none)"));
        return List.of(retryAfter.isPresent()
                ? result(ItemStatus.PASS, "429 with Retry-After " + retryAfter.get() + " after " + sent + " requests", evidence)
                : result(ItemStatus.FAIL, "429 without Retry-After: clients cannot tell when to come back", evidence));
    }

    private ItemResult result(ItemStatus status, String reason, Map<String, Object> evidence) {
        return new ItemResult(ChecklistItem.RATE_LIMITING_ENABLED, status, reason, evidence, "probe " + name());
    }
}
