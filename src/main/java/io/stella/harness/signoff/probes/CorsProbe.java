package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CORS by allow-list: a preflight from a trusted origin ({@code CORS_ORIGINS}) is allowed; one from
 * an origin nobody trusts gets no {@code Access-Control-Allow-Origin}, neither its own nor {@code *}.
 */
public final class CorsProbe extends Probe {

    static final String UNTRUSTED_ORIGIN = "https://untrusted.stella-harness.invalid";

    public CorsProbe() {
        super("cors", ChecklistItem.CORS_CONFIGURED);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String untrusted = allowedOrigin(http, target, UNTRUSTED_ORIGIN);
        evidence.put("untrusted " + UNTRUSTED_ORIGIN, untrusted == null ? "(no allow header)" : untrusted);
        if (untrusted != null) {
            problems.add("an untrusted origin is allowed (Access-Control-Allow-Origin: " + untrusted + ")");
        }
        if (target.trustedOrigins().isEmpty()) {
            evidence.put("trusted", "(none known: set CORS_ORIGINS)");
        } else {
            String trusted = target.trustedOrigins().get(0);
            String allowed = allowedOrigin(http, target, trusted);
            evidence.put("trusted " + trusted, allowed == null ? "(no allow header)" : allowed);
            if (!trusted.equals(allowed)) {
                problems.add("the trusted origin " + trusted + " is not allowed");
            }
        }
        ItemStatus status = !problems.isEmpty() ? ItemStatus.FAIL
                : target.trustedOrigins().isEmpty() ? ItemStatus.INCONCLUSIVE : ItemStatus.PASS;
        String reason = !problems.isEmpty() ? String.join("; ", problems)
                : status == ItemStatus.INCONCLUSIVE ? "untrusted origins are refused, but no trusted origin was given to check"
                : "trusted origin allowed, untrusted origin refused";
        return List.of(new ItemResult(ChecklistItem.CORS_CONFIGURED, status, reason, evidence, "probe " + name()));
    }

    private static String allowedOrigin(ProbeHttp http, ProbeTarget target, String origin) throws Exception {
        HttpResponse<String> answer = http.send(http.request(target.paths().sessions())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        return answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null);
    }
}
