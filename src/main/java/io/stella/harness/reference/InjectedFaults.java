package io.stella.harness.reference;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the reference target adds on purpose so the harness can be checked against known truth:
 * a latency mix ({@code 20ms}, or {@code 98%:10ms,2%:200ms}, or a lognormal with its median and
 * sigma, {@code lognormal(20ms,0.5)}), periodic stalls ({@code 1000ms/10s}:
 * everything arriving in the first second of every ten waits until that second ends, like a GC
 * pause), and a share of API calls answered 500.
 *
 * @param latencyMix   weighted delays; empty for none
 * @param stallMillis  length of each stall; 0 for none
 * @param stallEveryMillis period of the stalls
 * @param errorPercent share of API calls answered with an injected 500
 * @param brokenAnswer how every answer to listing sessions is broken ({@link BrokenAnswers#NONE}: not at all)
 * @param slowerRoute  one route whose added latency is longer ({@link SlowerRoute#NONE}: none)
 */
public record InjectedFaults(List<WeightedDelay> latencyMix, long stallMillis, long stallEveryMillis, double errorPercent,
                             BrokenAnswers brokenAnswer, SlowerRoute slowerRoute) {

    public static final InjectedFaults NONE = new InjectedFaults(List.of(), 0, 0, 0, BrokenAnswers.NONE, SlowerRoute.NONE);

    private static final Pattern MIX_PART = Pattern.compile(
            "(?:(\\d+(?:\\.\\d+)?)%:)?(?:(\\d+(?:\\.\\d+)?)ms|lognormal\\((\\d+(?:\\.\\d+)?)ms,(\\d+(?:\\.\\d+)?)\\))");
    private static final Pattern STALL = Pattern.compile("(\\d+)ms/(\\d+)s");

    /**
     * One part of the latency mix: {@code weightPercent} of calls get {@code delayMillis} added, or
     * with {@code sigma} above 0 a lognormal draw whose median is {@code delayMillis}.
     */
    public record WeightedDelay(double weightPercent, double delayMillis, double sigma) {
        public WeightedDelay(double weightPercent, double delayMillis) {
            this(weightPercent, delayMillis, 0);
        }

        String describe() {
            return sigma > 0 ? "lognormal(" + Numbers.plain(delayMillis) + "ms," + Numbers.plain(sigma) + ")"
                    : Numbers.plain(delayMillis) + "ms";
        }
    }

    public InjectedFaults {
        latencyMix = List.copyOf(latencyMix);
    }

    /** Parses the three settings; {@code name} prefixes each error so the user knows which one. */
    public static InjectedFaults parse(String latencyName, String latencySpec, String stallName, String stallSpec,
                                       String errorName, String errorSpec) {
        List<WeightedDelay> mix = latencySpec == null ? List.of() : parseMix(latencyName, latencySpec);
        long stallMillis = 0;
        long stallEveryMillis = 0;
        if (stallSpec != null) {
            Matcher stall = STALL.matcher(stallSpec.trim());
            if (!stall.matches()) {
                throw new ConfigException(stallName + ": must read like 1000ms/10s (was " + stallSpec + ")");
            }
            stallMillis = Long.parseLong(stall.group(1));
            stallEveryMillis = Long.parseLong(stall.group(2)) * 1000;
            if (stallEveryMillis == 0 || stallMillis >= stallEveryMillis) {
                throw new ConfigException(stallName + ": the stall must be shorter than its period (was " + stallSpec + ")");
            }
        }
        double errorPercent = 0;
        if (errorSpec != null) {
            try {
                errorPercent = Double.parseDouble(errorSpec.trim());
            } catch (NumberFormatException e) {
                errorPercent = -1;
            }
            if (errorPercent < 0 || errorPercent > 100) {
                throw new ConfigException(errorName + ": must be a percentage within 0..100 (was " + errorSpec + ")");
            }
        }
        return new InjectedFaults(mix, stallMillis, stallEveryMillis, errorPercent, BrokenAnswers.NONE, SlowerRoute.NONE);
    }

    private static List<WeightedDelay> parseMix(String name, String spec) {
        List<WeightedDelay> mix = new ArrayList<>();
        for (String part : spec.split(",(?![^()]*\\))")) { // commas inside lognormal(...) do not split
            Matcher matcher = MIX_PART.matcher(part.trim());
            if (!matcher.matches()) {
                throw new ConfigException(name + ": must read like 20ms or 98%:10ms,2%:200ms or lognormal(20ms,0.5) (was "
                        + spec + ")");
            }
            double weight = matcher.group(1) == null ? 100 : Double.parseDouble(matcher.group(1));
            mix.add(matcher.group(2) != null ? new WeightedDelay(weight, Double.parseDouble(matcher.group(2)))
                    : new WeightedDelay(weight, Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4))));
        }
        double total = mix.stream().mapToDouble(WeightedDelay::weightPercent).sum();
        if (Math.abs(total - 100) > 1e-9) {
            throw new ConfigException(name + ": the weights must add up to 100% (they add up to " + total + "%)");
        }
        return mix;
    }

    /** The delay to add to an answer that is ready at {@code nowEpochMillis}, in microseconds. */
    public long delayMicros(long nowEpochMillis) {
        return delayMicros("", "", 0, nowEpochMillis);
    }

    /**
     * The delay to add to an answer to {@code method} {@code route} that took {@code handledMicros} to
     * handle and is ready at {@code nowEpochMillis}, in microseconds.
     */
    public long delayMicros(String method, String route, long handledMicros, long nowEpochMillis) {
        long micros = slowerRoute.delayMicros(method, route, handledMicros, mixDelayMicros(ThreadLocalRandom.current()));
        if (stallMillis > 0) {
            long intoPeriod = nowEpochMillis % stallEveryMillis;
            if (intoPeriod < stallMillis) {
                micros += (stallMillis - intoPeriod) * 1000;
            }
        }
        return micros;
    }

    /** One draw from the latency mix alone (no stall), in microseconds, with the given randomness. */
    public long mixDelayMicros(java.util.random.RandomGenerator random) {
        if (latencyMix.isEmpty()) {
            return 0;
        }
        double draw = random.nextDouble(100);
        double cumulative = 0;
        for (WeightedDelay part : latencyMix) {
            cumulative += part.weightPercent();
            if (draw < cumulative) {
                double millis = part.sigma() > 0 ? part.delayMillis() * Math.exp(part.sigma() * random.nextGaussian())
                        : part.delayMillis();
                return Math.round(millis * 1000);
            }
        }
        return 0;
    }

    public InjectedFaults withBrokenAnswer(BrokenAnswers broken) {
        return new InjectedFaults(latencyMix, stallMillis, stallEveryMillis, errorPercent, broken, slowerRoute);
    }

    public InjectedFaults withSlowerRoute(SlowerRoute slower) {
        return new InjectedFaults(latencyMix, stallMillis, stallEveryMillis, errorPercent, brokenAnswer, slower);
    }

    public boolean nextCallFails() {
        return errorPercent > 0 && ThreadLocalRandom.current().nextDouble(100) < errorPercent;
    }

    /** How a user would write these faults: {@code added latency 98%:10ms,2%:200ms; stall 1000ms/10s}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (!latencyMix.isEmpty()) {
            text.append("added latency ").append(String.join(",", latencyMix.stream()
                    .map(part -> Numbers.plain(part.weightPercent()) + "%:" + part.describe()).toList()));
        }
        if (stallMillis > 0) {
            text.append(text.isEmpty() ? "" : "; ").append("stall ").append(stallMillis).append("ms/")
                    .append(stallEveryMillis / 1000).append("s");
        }
        if (errorPercent > 0) {
            text.append(text.isEmpty() ? "" : "; ").append("errors ").append(Numbers.plain(errorPercent)).append("%");
        }
        if (!slowerRoute.isNone()) {
            text.append(text.isEmpty() ? "" : "; ").append("slower route ").append(slowerRoute.describe());
        }
        if (brokenAnswer != BrokenAnswers.NONE) {
            text.append(text.isEmpty() ? "" : "; ").append("broken answers to listing sessions: ").append(brokenAnswer.settingText());
        }
        return text.isEmpty() ? "none" : text.toString();
    }

    public boolean isNone() {
        return latencyMix.isEmpty() && stallMillis == 0 && errorPercent == 0 && brokenAnswer == BrokenAnswers.NONE
                && slowerRoute.isNone();
    }
}
