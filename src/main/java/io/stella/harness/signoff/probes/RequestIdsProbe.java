package io.stella.harness.signoff.probes;

import io.stella.harness.latency.TraceContext;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-service correlation: an answer carries a request id ({@code X-Request-Id}) even when none
 * was sent, and the id a caller sends comes back, echoed or joined to the caller's trace (a
 * {@code traceresponse} with the {@code traceparent}'s trace id), so that one request can be followed
 * through the services' logs and traces. Asked of the liveness path: every service answers it.
 */
public final class RequestIdsProbe extends Probe {

    static final String REQUEST_ID = TraceContext.REQUEST_ID;

    public RequestIdsProbe() {
        super("requestIds", ChecklistItem.CROSS_SERVICE_CORRELATION);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        String path = target.paths().healthz();
        TraceContext sent = TraceContext.newRoot(target.traceSampled());
        HttpResponse<String> unmarked = http.send(http.request(path).GET());
        HttpResponse<String> marked = http.send(http.request(path).header(REQUEST_ID, sent.requestId())
                .header(TraceContext.TRACEPARENT, sent.traceparent()).GET());
        String ownId = unmarked.headers().firstValue(REQUEST_ID).orElse(null);
        String echoed = marked.headers().firstValue(REQUEST_ID).orElse(null);
        String traceResponse = marked.headers().firstValue("traceresponse").orElse(null);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("path", path);
        evidence.put("sent " + REQUEST_ID, sent.requestId());
        evidence.put("answered " + REQUEST_ID, echoed == null ? "(none)" : echoed);
        evidence.put("answered without one sent", ownId == null ? "(none)" : ownId);
        evidence.put("traceresponse", traceResponse == null ? "(none)" : traceResponse);
        List<String> problems = new ArrayList<>();
        if (ownId == null) {
            problems.add("an answer to a request without an id carries no " + REQUEST_ID);
        }
        boolean joined = sent.requestId().equals(echoed) || (traceResponse != null && traceResponse.contains(sent.traceId()));
        if (!joined) {
            problems.add(echoed == null ? "the " + REQUEST_ID + " sent did not come back (no " + REQUEST_ID + ", no traceresponse)"
                    : "the " + REQUEST_ID + " sent came back as another (" + echoed + "), and no traceresponse joins it to the trace");
        }
        return List.of(outcome(problems, "answers carry " + REQUEST_ID + "; the id sent came back "
                + (sent.requestId().equals(echoed) ? "echoed" : "joined to the trace"), evidence));
    }
}
