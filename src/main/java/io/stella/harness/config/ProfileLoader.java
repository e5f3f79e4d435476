package io.stella.harness.config;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a profile file and validates every field in one pass. Each problem becomes one line naming
 * the file, the JSON path, the rule and the value; nothing is sent to a target before this returns.
 */
public final class ProfileLoader {

    public static final Path PROFILES_DIR = Path.of("simulations");
    static final int DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;

    private ProfileLoader() {
    }

    /**
     * Resolves {@code -Dprofile=NAME} (a name in {@code simulations/}) or a path to a {@code .json} file.
     */
    public static Path resolve(String nameOrPath) {
        Path path = nameOrPath.endsWith(".json") ? Path.of(nameOrPath) : PROFILES_DIR.resolve(nameOrPath + ".json");
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("-Dprofile=" + nameOrPath + ": no profile file " + path
                    + Suggestions.hint(nameOrPath, available()) + "; available: " + String.join(", ", available()));
        }
        return path;
    }

    public static Profile load(Path file, KnownNames known) {
        String source = file.toString();
        ConfigProblems problems = new ConfigProblems(source);
        ProfileDocument document = ProfileParser.parse(file, source, problems);
        return validate(document, profileName(file), source, known, problems);
    }

    /**
     * A thresholds file on its own, in the shared format ({@code {"description": ..., "thresholds": {...}}}):
     * for judging recorded results again. Its rules may name {@code all} and the requests given.
     */
    public static List<Threshold> loadThresholds(Path file, String simulation, Set<String> requests) {
        String source = file.toString();
        ConfigProblems problems = new ConfigProblems(source);
        ProfileDocument.SharedThresholdsDocument document = ProfileParser.parse(file, source, problems,
                ProfileDocument.SharedThresholdsDocument.class);
        problems.throwIfAny();
        List<Threshold> thresholds = validateThresholds(document.thresholds(),
                new KnownNames(simulation, Set.of(), requests, Set.of()), problems, true);
        problems.throwIfAny();
        return thresholds;
    }

    private static Profile validate(ProfileDocument doc, String name, String source, KnownNames known,
                                    ConfigProblems problems) {
        problems.require(doc.description() != null && !doc.description().isBlank(), "/description",
                "is required: say in words what this profile is for");
        LoadShape load = LoadValidator.validate(doc.load(), problems);
        validateMix(doc.mix(), known, problems);
        List<Threshold> shared = sharedThresholds(source, doc.thresholdsFrom(), known, problems);
        List<Threshold> thresholds = withOverrides(shared,
                validateThresholds(doc.thresholds(), known, problems, doc.thresholdsFrom() == null));
        int timeoutMillis = doc.requestTimeoutMillis() == null ? DEFAULT_REQUEST_TIMEOUT_MILLIS : doc.requestTimeoutMillis();
        problems.require(timeoutMillis > 0 && timeoutMillis <= 600_000, "/requestTimeoutMillis",
                "must be within 1..600000 (was " + timeoutMillis + ")");
        VoiceShape voice = validateVoice(doc.voice(), problems);
        ConversationShape conversation = ConversationValidator.validate(doc.conversation(), problems);
        ConversationValidator.checkEveryFigureJudgedIsMeasured(thresholds, conversation, problems);
        Set<String> probes = validateProbes(doc.probes(), known, problems);
        Planning planning = validatePlanning(doc.planning(), problems);
        Limits limits = validateLimits(doc.limits(), load, problems);
        List<AbortRule> abortOnFail = validateAbortRules(doc.abortOnFail(), load, known, problems);
        Optional<Connections> connections = doc.connections() == null ? Optional.of(Connections.DEFAULT)
                : Connections.named(doc.connections());
        problems.require(connections.isPresent(), "/connections", "must be \"perUser\" (each user its own, the default)"
                + " or \"shared\" (one keep-alive pool for all users) (was " + doc.connections() + ")");
        problems.throwIfAny();
        return new Profile(name, source, doc.description(), load, doc.mix(), thresholds, timeoutMillis, voice, probes,
                planning, limits, abortOnFail, connections.orElseThrow(), conversation);
    }

    private static Limits validateLimits(ProfileDocument.LimitsDocument limits, LoadShape load, ConfigProblems problems) {
        double maxRate = limits == null || limits.maxRatePerSec() == null ? Limits.DEFAULT.maxRatePerSec() : limits.maxRatePerSec();
        int maxConcurrent = limits == null || limits.maxConcurrentRequests() == null
                ? Limits.DEFAULT.maxConcurrentRequests() : limits.maxConcurrentRequests();
        String where = limits == null || limits.maxRatePerSec() == null ? " (the default ceiling; set limits.maxRatePerSec"
                + " to allow more)" : "";
        if (problems.require(maxRate > 0, "/limits/maxRatePerSec", "must be > 0 (was " + Numbers.plain(maxRate) + ")")
                && load != null) {
            problems.require(load.peakRatePerSec() <= maxRate, "/load", "peaks at " + Numbers.plain(load.peakRatePerSec())
                    + " users/s, above the ceiling of " + Numbers.plain(maxRate) + "/s" + where + ": lower the load or raise the ceiling");
        }
        problems.require(maxConcurrent >= 1, "/limits/maxConcurrentRequests", "must be >= 1 (was " + maxConcurrent + ")");
        return new Limits(maxRate, maxConcurrent);
    }

    private static List<AbortRule> validateAbortRules(List<ProfileDocument.AbortRuleDocument> rules, LoadShape load,
                                                      KnownNames known, ConfigProblems problems) {
        if (rules == null || rules.isEmpty()) {
            return List.of();
        }
        List<AbortRule> result = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AbortRule rule = validateAbortRule(rules.get(i), "/abortOnFail/" + i, load, known, problems);
            if (rule != null) {
                result.add(rule);
            }
        }
        return result;
    }

    /** One abort rule, or null when it has a problem (said in {@code problems}). */
    private static AbortRule validateAbortRule(ProfileDocument.AbortRuleDocument rule, String at, LoadShape load, KnownNames known,
                                               ConfigProblems problems) {
        if (rule == null) {
            problems.add(at, "must be a rule like {\"request\": \"all\", \"maxErrorPercent\": 50, \"forSec\": 5}");
            return null;
        }
        String request = rule.request() == null ? Threshold.ALL_REQUESTS : rule.request();
        boolean ok = problems.require(request.equals(Threshold.ALL_REQUESTS) || known.requests().contains(request),
                at + "/request", "is not a request of " + known.simulation() + Suggestions.hint(request, known.requests())
                        + "; known: " + Threshold.ALL_REQUESTS + ", " + sorted(known.requests()) + " (was " + request + ")");
        boolean errorRule = rule.maxErrorPercent() != null;
        if (errorRule == (rule.maxMillisAtPercentile() != null)) {
            problems.add(at, "needs exactly one of maxErrorPercent or maxMillisAtPercentile");
            return null;
        }
        Threshold.PercentileLimit limit = null;
        if (errorRule) {
            ok &= problems.require(rule.maxErrorPercent() >= 0 && rule.maxErrorPercent() < 100, at + "/maxErrorPercent",
                    "must be within 0..100 and below 100 (was " + Numbers.plain(rule.maxErrorPercent()) + ")");
        } else {
            limit = abortLatencyLimit(request, rule, at, problems);
            if (limit == null) {
                return null;
            }
        }
        int forSec = rule.forSec() == null ? 1 : rule.forSec();
        int graceSec = rule.graceSec() == null ? 0 : rule.graceSec();
        int totalSec = load == null ? Integer.MAX_VALUE : load.totalSec();
        ok &= problems.require(forSec >= 1 && forSec <= totalSec, at + "/forSec", "must be within 1.." + totalSec
                + " (the run's length in seconds) (was " + forSec + ")");
        ok &= problems.require(graceSec >= 0 && graceSec < totalSec, at + "/graceSec", "must be within 0.."
                + (totalSec - 1) + " (was " + graceSec + ")");
        return !ok ? null : new AbortRule(request, errorRule ? rule.maxErrorPercent() : null,
                limit == null ? null : limit.percentile(), limit == null ? null : limit.maxMillis(), forSec, graceSec);
    }

    /** An abort rule's one latency limit, or null when it names none or more than one (said in {@code problems}). */
    private static Threshold.PercentileLimit abortLatencyLimit(String request, ProfileDocument.AbortRuleDocument rule, String at,
                                                              ConfigProblems problems) {
        if (rule.maxMillisAtPercentile().size() != 1) {
            problems.add(at + "/maxMillisAtPercentile", "must name exactly one percentile, e.g. {\"99\": 2000} (had "
                    + rule.maxMillisAtPercentile().size() + "); write one rule per percentile");
            return null;
        }
        List<Threshold> parsed = new ArrayList<>();
        addPercentileLimits(request, rule.maxMillisAtPercentile(), at, problems, parsed);
        return parsed.isEmpty() ? null : (Threshold.PercentileLimit) parsed.get(0);
    }

    private static Planning validatePlanning(ProfileDocument.PlanningDocument planning, ConfigProblems problems) {
        if (planning == null) {
            return null;
        }
        if (planning.currentPeakConversations() != null) {
            problems.require(planning.currentPeakRatePerSec() == null, "/planning/currentPeakRatePerSec",
                    "give today's peak once: in journeys per second or in currentPeakConversations, not both");
            problems.require(planning.currentPeakConversations() > 0, "/planning/currentPeakConversations",
                    "must be > 0: today's peak in conversations held at once (was " + planning.currentPeakConversations() + ")");
        } else {
            problems.require(planning.currentPeakRatePerSec() != null && planning.currentPeakRatePerSec() > 0,
                    "/planning/currentPeakRatePerSec", "must be > 0: today's peak in journeys per second (was "
                            + planning.currentPeakRatePerSec() + "), or give currentPeakConversations");
        }
        problems.require(planning.monthlyGrowthPercent() != null && planning.monthlyGrowthPercent() > 0,
                "/planning/monthlyGrowthPercent", "must be > 0 (was " + planning.monthlyGrowthPercent() + ")");
        double minHeadroom = planning.minHeadroom() == null ? 1.5 : planning.minHeadroom();
        problems.require(minHeadroom >= 1, "/planning/minHeadroom", "must be >= 1: the knee over today's peak (was "
                + Numbers.plain(minHeadroom) + ")");
        return new Planning(planning.currentPeakRatePerSec(), planning.currentPeakConversations(),
                planning.monthlyGrowthPercent() == null ? 1 : planning.monthlyGrowthPercent(), minHeadroom);
    }

    /** The probes named; when the field is absent all but those that write data; none for an empty list. */
    private static Set<String> validateProbes(List<String> probes, KnownNames known, ConfigProblems problems) {
        if (probes == null) {
            return known.defaultProbes();
        }
        for (int i = 0; i < probes.size(); i++) {
            String probe = probes.get(i);
            if (!known.probes().contains(probe)) {
                problems.add("/probes/" + i, "is not a probe" + Suggestions.hint(String.valueOf(probe), known.probes())
                        + "; known: " + sorted(known.probes()) + " (was " + probe + ")");
            }
        }
        return new TreeSet<>(probes.stream().filter(known.probes()::contains).toList());
    }

    private static VoiceShape validateVoice(ProfileDocument.VoiceDocument voice, ConfigProblems problems) {
        if (voice == null) {
            return VoiceShape.DEFAULT;
        }
        VoiceShape shape = new VoiceShape(
                voice.holdSec() == null ? VoiceShape.DEFAULT.holdSec() : voice.holdSec(),
                voice.pingIntervalSec() == null ? VoiceShape.DEFAULT.pingIntervalSec() : voice.pingIntervalSec(),
                voice.agentTimeoutSec() == null ? VoiceShape.DEFAULT.agentTimeoutSec() : voice.agentTimeoutSec());
        problems.require(shape.holdSec() >= 0 && shape.holdSec() < VoiceShape.LIVEKIT_JOIN_TIMEOUT_SEC, "/voice/holdSec",
                "must be within 0.." + (VoiceShape.LIVEKIT_JOIN_TIMEOUT_SEC - 1) + ": without media LiveKit drops a"
                        + " participant after its " + VoiceShape.LIVEKIT_JOIN_TIMEOUT_SEC + " s join timeout (was " + shape.holdSec() + ")");
        problems.require(shape.pingIntervalSec() >= 1, "/voice/pingIntervalSec", "must be >= 1 (was " + shape.pingIntervalSec() + ")");
        problems.require(shape.agentTimeoutSec() >= 1 && shape.agentTimeoutSec() <= 300, "/voice/agentTimeoutSec",
                "must be within 1..300 (was " + shape.agentTimeoutSec() + ")");
        return shape;
    }

    private static void validateMix(Map<String, Double> mix, KnownNames known, ConfigProblems problems) {
        if (mix == null || mix.isEmpty()) {
            problems.add("/mix", "is required: scenario name to weight, e.g. {\"" + first(known.scenarios()) + "\": 1}");
            return;
        }
        mix.forEach((scenario, weight) -> {
            String at = "/mix/" + scenario;
            if (!known.scenarios().contains(scenario)) {
                problems.add(at, "is not a scenario of " + known.simulation() + Suggestions.hint(scenario, known.scenarios())
                        + "; known: " + sorted(known.scenarios()));
            } else if (weight == null || !(weight > 0)) {
                problems.add(at, "must be a weight > 0 (was " + weight + ")");
            }
        });
    }

    /**
     * The thresholds of the shared file a profile names in {@code thresholdsFrom} (a path relative to
     * the profile's folder); its problems name that file. None when the field is absent.
     */
    private static List<Threshold> sharedThresholds(String profileSource, String thresholdsFrom, KnownNames known,
                                                    ConfigProblems problems) {
        if (thresholdsFrom == null) {
            return List.of();
        }
        Path profileFolder = Path.of(profileSource).toAbsolutePath().getParent();
        Path file = profileFolder == null ? Path.of(thresholdsFrom) : profileFolder.resolve(thresholdsFrom).normalize();
        String source = Path.of(profileSource).getParent() == null ? thresholdsFrom
                : Path.of(profileSource).getParent().resolve(thresholdsFrom).normalize().toString();
        ConfigProblems sharedProblems = new ConfigProblems(source);
        try {
            ProfileDocument.SharedThresholdsDocument shared = ProfileParser.parse(file, source, sharedProblems,
                    ProfileDocument.SharedThresholdsDocument.class);
            List<Threshold> thresholds = validateThresholds(shared.thresholds(), known, sharedProblems, true);
            problems.absorb(sharedProblems);
            return thresholds;
        } catch (ConfigException e) {
            problems.add("/thresholdsFrom", "names a file that cannot be used: " + String.join("; ", e.problems()));
            return List.of();
        }
    }

    /** The shared rules, each replaced by the profile's own rule of the same request, kind and percentile. */
    private static List<Threshold> withOverrides(List<Threshold> shared, List<Threshold> own) {
        Set<String> overridden = own.stream().map(ProfileLoader::ruleKey).collect(Collectors.toSet());
        List<Threshold> merged = new ArrayList<>(shared.stream().filter(rule -> !overridden.contains(ruleKey(rule))).toList());
        merged.addAll(own);
        return merged;
    }

    private static String ruleKey(Threshold rule) {
        if (rule instanceof Threshold.PercentileLimit limit) {
            return rule.request() + " P" + limit.percentile();
        }
        return rule.request() + " " + (rule instanceof Threshold.ErrorRateLimit ? "errors" : "throughput");
    }

    private static List<Threshold> validateThresholds(Map<String, ProfileDocument.ThresholdDocument> thresholds,
                                                      KnownNames known, ConfigProblems problems, boolean required) {
        List<Threshold> result = new ArrayList<>();
        if (thresholds == null || thresholds.isEmpty()) {
            if (required) {
                problems.add("/thresholds", "is required: a profile without thresholds cannot fail"
                        + " (or name a shared file in thresholdsFrom)");
            }
            return result;
        }
        thresholds.forEach((request, rules) -> {
            String at = "/thresholds/" + request;
            if (!request.equals(Threshold.ALL_REQUESTS) && !known.requests().contains(request)) {
                problems.add(at, "is not a request of " + known.simulation() + Suggestions.hint(request, known.requests())
                        + "; known: " + Threshold.ALL_REQUESTS + ", " + sorted(known.requests()));
                return;
            }
            if (rules == null || (rules.maxMillisAtPercentile() == null && rules.maxErrorPercent() == null
                    && rules.minThroughputPerSec() == null)) {
                problems.add(at, "has no rule: give maxMillisAtPercentile, maxErrorPercent or minThroughputPerSec");
                return;
            }
            addPercentileLimits(request, rules.maxMillisAtPercentile(), at, problems, result);
            if (rules.maxErrorPercent() != null) {
                double max = rules.maxErrorPercent();
                problems.require(max >= 0 && max <= 100, at + "/maxErrorPercent",
                        "must be within 0..100 (was " + Numbers.plain(max) + ")");
                result.add(new Threshold.ErrorRateLimit(request, max));
            }
            if (rules.minThroughputPerSec() != null) {
                double min = rules.minThroughputPerSec();
                problems.require(min > 0, at + "/minThroughputPerSec", "must be > 0 (was " + Numbers.plain(min) + ")");
                result.add(new Threshold.ThroughputFloor(request, min));
            }
        });
        return result;
    }

    private static void addPercentileLimits(String request, Map<String, Double> limits, String at,
                                            ConfigProblems problems, List<Threshold> result) {
        if (limits == null) {
            return;
        }
        limits.forEach((key, maxMillis) -> {
            String here = at + "/maxMillisAtPercentile/" + key;
            double percentile;
            try {
                percentile = Double.parseDouble(key);
            } catch (NumberFormatException e) {
                problems.add(here, "is not a percentile: keys are numbers on the 0-100 scale, e.g. \"99\" or \"99.9\"");
                return;
            }
            if (percentile > 0 && percentile < 1) {
                problems.add(here, "looks like a fraction: percentiles are on the 0-100 scale, write \""
                        + Numbers.plain(percentile * 100) + "\" for P" + Numbers.plain(percentile * 100) + " (was " + key + ")");
            } else if (!(percentile >= 1 && percentile <= 100)) {
                problems.add(here, "must be a percentile within 1..100 (was " + key + ")");
            } else if (maxMillis == null || !(maxMillis > 0)) {
                problems.add(here, "must be a latency in milliseconds > 0 (was " + maxMillis + ")");
            } else {
                result.add(new Threshold.PercentileLimit(request, percentile, maxMillis));
            }
        });
    }

    static List<String> available() {
        try (Stream<Path> files = Files.list(PROFILES_DIR)) {
            return files.map(Path::getFileName).map(Path::toString).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String profileName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    private static String first(Collection<String> names) {
        return names.stream().sorted().findFirst().orElse("scenario");
    }

    private static String sorted(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
