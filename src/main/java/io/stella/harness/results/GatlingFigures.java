package io.stella.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * What Gatling's own report says of one request name over the whole run, set beside ours so that
 * a user sees the difference between its estimator and HdrHistogram's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatlingFigures(long count, long errors, Map<String, Double> percentilesMillis, Double maxMillis) {
}
