package io.stella.harness.config;

import java.util.List;
import java.util.Map;

/**
 * A profile file exactly as written, before validation. Boxed fields so that a missing field can be
 * told apart from a zero; {@link ProfileLoader} turns it into a {@link Profile} or into errors.
 */
record ProfileDocument(String description, LoadDocument load, Map<String, Double> mix,
                       Map<String, ThresholdDocument> thresholds, Integer requestTimeoutMillis, VoiceDocument voice,
                       List<String> probes, PlanningDocument planning, String thresholdsFrom, LimitsDocument limits,
                       List<AbortRuleDocument> abortOnFail, String connections, ConversationDocument conversation) {

    record ConversationDocument(Integer turns, Boolean greeting, List<String> prompts, Integer replyTimeoutSec,
                                Integer pauseMillis, Integer replyEndSilenceMillis, Double speechDbfs, Integer mediaTimeoutSec,
                                Double maxLostPercent, Double maxConcealedPercent, Integer callsPerWorker,
                                Map<String, Integer> engines, NetworkDocument network, BargeInDocument bargeIn,
                                BackchannelDocument backchannel, Integer goodTurnWithinMillis) {
    }

    record BackchannelDocument(List<Integer> turns, Integer afterMillis, Integer stopWithinMillis, String clip) {
    }

    record BargeInDocument(List<Integer> turns, Integer afterMillis, Integer stopWithinMillis) {
    }

    record NetworkDocument(Double lossPercent, Double meanBurstPackets, Long delayMillis, Long jitterMillis, Long bandwidthKbps,
                           Long seed, java.util.List<NetworkChangeDocument> changes) {
    }

    /** From {@code atSec} into the call, the fields it names; those it leaves out stay as they were. */
    record NetworkChangeDocument(Long atSec, Double lossPercent, Double meanBurstPackets, Long delayMillis, Long jitterMillis,
                                 Long bandwidthKbps) {
    }

    record LimitsDocument(Double maxRatePerSec, Integer maxConcurrentRequests) {
    }

    record AbortRuleDocument(String request, Double maxErrorPercent, Map<String, Double> maxMillisAtPercentile,
                             Integer forSec, Integer graceSec) {
    }

    /** A shared thresholds file that profiles name in {@code thresholdsFrom}. */
    record SharedThresholdsDocument(String description, Map<String, ThresholdDocument> thresholds) {
    }

    record PlanningDocument(Double currentPeakRatePerSec, Integer currentPeakConversations, Double monthlyGrowthPercent,
                            Double minHeadroom) {
    }

    record SpikeDocument(Double factor, Integer atSec, Integer holdSec) {
    }

    record DegradationDocument(Double overloadFactor, Integer overloadSec, Double recoveryFactor, Integer recoverySec,
                               Double maxRefusalP99Millis, Double maxAcceptedP99Millis, Double maxOtherFailurePercent,
                               Integer maxRecoverySec) {
    }

    record StairsDocument(Double startRatePerSec, Double stepRatePerSec, Integer steps, Integer holdSec, Integer rampSec) {
    }

    record VoiceDocument(Integer holdSec, Integer pingIntervalSec, Integer agentTimeoutSec) {
    }

    record LoadDocument(Integer warmUpSec, Double warmUpRatePerSec, Integer rampUpSec, Double ratePerSec,
                        Integer steadySec, StairsDocument stairs, SpikeDocument spike,
                        DegradationDocument degradation) {
    }

    record ThresholdDocument(Map<String, Double> maxMillisAtPercentile, Double maxErrorPercent,
                             Double minThroughputPerSec) {
    }
}
