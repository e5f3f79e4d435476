package io.stella.harness.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated run profile: what load to send, how to split it between scenarios, and which
 * thresholds decide the verdict. Built only by {@link ProfileLoader}, so every instance is valid.
 *
 * @param name        the profile's name, the file name without {@code .json}
 * @param source      where it was read from, as the user would name it
 * @param description the intent, in words
 * @param load        the arrival schedule
 * @param mix         scenario name to its share of arrivals (weights, not yet normalised)
 * @param thresholds  the pass/fail rules, in file order
 * @param requestTimeoutMillis how long a request may take before it counts as a timeout
 * @param voice       how voice sessions behave once joined (used by the voice simulation)
 * @param probes      the checklist probes to run after the load, by name
 * @param planning    capacity-planning inputs, or null when the profile plans nothing
 * @param limits      the hard ceilings on rate and requests in flight
 * @param abortOnFail the rules that stop the load early, in file order
 * @param connections how virtual users hold their HTTP connections
 */
public record Profile(String name, String source, String description, LoadShape load,
                      Map<String, Double> mix, List<Threshold> thresholds, int requestTimeoutMillis, VoiceShape voice,
                      Set<String> probes, Planning planning, Limits limits, List<AbortRule> abortOnFail,
                      Connections connections, ConversationShape conversation) {

    public Profile {
        mix = Map.copyOf(mix);
        thresholds = List.copyOf(thresholds);
        probes = Set.copyOf(probes);
        abortOnFail = List.copyOf(abortOnFail);
    }

    /**
     * This profile as one injector of a sharded run sends it: every arrival rate, the rate ceiling,
     * the requests-in-flight ceiling and every throughput floor divided by the count; latency and
     * error-rate rules are the same for a part as for the whole. Only injector 0 runs the probes: once
     * is enough, and some write to the target.
     */
    public Profile forShard(Shard shard) {
        if (load.degradation() != null) {
            throw new ConfigException(source + ": /load/degradation cannot be sharded: its overload is set live from the knee"
                    + " one injector sees; run it on one injector");
        }
        double share = 1.0 / shard.count();
        return new Profile(name, source, description, load.scaled(share), mix, shard.share(thresholds), requestTimeoutMillis, voice,
                shard.index() == 0 ? probes : Set.of(), planning, new Limits(limits.maxRatePerSec() * share,
                Math.max(1, (int) Math.ceil(limits.maxConcurrentRequests() * share))), abortOnFail, connections, conversation);
    }

    /** How callers talk over real media: the profile's conversation, or the defaults where it has none. */
    public ConversationShape conversationOrDefault() {
        return conversation == null ? ConversationShape.DEFAULT : conversation;
    }

    /** Whether this profile places calls over real media (it has a {@code conversation}). */
    public boolean carriesMedia() {
        return conversation != null;
    }

    /** Arrivals per second for one scenario at a total rate, by its weight in the mix. */
    public double shareOf(String scenario, double totalRatePerSec) {
        double sum = mix.values().stream().mapToDouble(Double::doubleValue).sum();
        return totalRatePerSec * mix.getOrDefault(scenario, 0.0) / sum;
    }
}
