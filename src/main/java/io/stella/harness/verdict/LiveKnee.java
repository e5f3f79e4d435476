package io.stella.harness.verdict;

/** The knee as judged live, the rates the degradation phase used, and what was found. */
public record LiveKnee(CapacitySearch.Finding finding, Double kneeRatePerSec, double overloadRatePerSec, double recoveryRatePerSec) {
}
