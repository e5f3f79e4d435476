package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static assets a CDN can cache: a shared-cache lifetime ({@code max-age} or {@code s-maxage} above
 * zero, not {@code private} or {@code no-store}), a validator ({@code ETag} or {@code Last-Modified}),
 * and a 304 when revalidated with it.
 */
public final class StaticAssetCachingProbe extends Probe {

    private static final Pattern MAX_AGE = Pattern.compile("(?:s-maxage|max-age)=(\\d+)");

    public StaticAssetCachingProbe() {
        super("staticAssetCaching", ChecklistItem.CDN_CONFIGURED);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        HttpResponse<String> first = http.send(http.request(target.paths().staticAsset()).GET());
        String cacheControl = first.headers().firstValue("Cache-Control").orElse("");
        String etag = first.headers().firstValue("ETag").orElse(null);
        String lastModified = first.headers().firstValue("Last-Modified").orElse(null);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("status", first.statusCode());
        evidence.put("Cache-Control", cacheControl.isEmpty() ? "(none)" : cacheControl);
        evidence.put("ETag", etag == null ? "(none)" : etag);
        evidence.put("Last-Modified", lastModified == null ? "(none)" : lastModified);

        List<String> problems = new ArrayList<>();
        if (first.statusCode() != 200) {
            problems.add(target.paths().staticAsset() + " answered " + first.statusCode());
        }
        Matcher maxAge = MAX_AGE.matcher(cacheControl);
        boolean shared = !cacheControl.contains("private") && !cacheControl.contains("no-store");
        if (!maxAge.find() || Long.parseLong(maxAge.group(1)) == 0 || !shared) {
            problems.add("no shared cache lifetime (Cache-Control: " + (cacheControl.isEmpty() ? "none" : cacheControl) + ")");
        }
        if (etag == null && lastModified == null) {
            problems.add("no validator (ETag or Last-Modified)");
        } else {
            var revalidation = http.request(target.paths().staticAsset()).GET();
            if (etag != null) {
                revalidation.header("If-None-Match", etag);
            } else {
                revalidation.header("If-Modified-Since", lastModified);
            }
            int status = http.send(revalidation).statusCode();
            evidence.put("revalidationStatus", status);
            if (status != 304) {
                problems.add("revalidation answered " + status + ", not 304");
            }
        }
        return List.of(outcome(problems, "cacheable by a shared cache, revalidates with 304", evidence));
    }
}
