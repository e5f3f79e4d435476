package io.stella.harness.signoff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One checklist item's outcome with the evidence behind it (figures, headers, status codes, in the
 * order they were gathered) and what produced it: the profile's load, or a probe after it.
 */
public record ItemResult(ChecklistItem item, ItemStatus status, String reason, Map<String, Object> evidence, String source) {

    public ItemResult {
        evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public static ItemResult notRun(ChecklistItem item, String reason) {
        return new ItemResult(item, ItemStatus.NOT_RUN, reason, Map.of(), "");
    }
}
