package io.stella.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} of a judgement made from recorded results (merged injectors, or one run judged
 * again): the same fields a run's summary has for its window, requests and thresholds, so it reads,
 * compares ({@code -Dbaseline}) and judges again like any results folder.
 *
 * @param judgedFrom the results folders whose data it holds
 * @param thresholdsFrom the file the thresholds came from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JudgedSummary(String status, String simulation, ProfileName profile, List<String> judgedFrom,
                            String thresholdsFrom, Window window, Map<String, Figures> requests,
                            List<Summary.VerdictView> thresholds, Capacity capacity, String judgedAt) {

    /**
     * A capacity search found on the merged steps: the finding, the knee and the first failing step's
     * rates (the whole run's, all injectors together), and each step.
     */
    public record Capacity(String finding, Double kneeRatePerSec, Double firstFailingRatePerSec, List<Step> steps) {
    }

    public record Step(int step, double ratePerSec, double requestsPerSec, boolean held) {
    }

    public record ProfileName(String name) {
    }

    /** The span of the measured windows put together; throughput is judged on {@code judgedSec}, one injector's window. */
    public record Window(String measuredFrom, int measuredSec, int judgedSec) {
    }

    public record Figures(WindowFigures measured) {
    }
}
