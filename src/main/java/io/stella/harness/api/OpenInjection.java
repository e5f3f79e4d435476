package io.stella.harness.api;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.stella.harness.config.Degradation;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Profile;
import io.stella.harness.config.Spike;
import io.stella.harness.config.Stairs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * Turns a profile's load shape into Gatling open-model injection: users arrive at the planned rate
 * whether or not earlier ones have finished, so a slow target shows in the latencies instead of
 * quietly lowering the load (coordinated omission).
 */
final class OpenInjection {

    private OpenInjection() {
    }

    /** One population per scenario that has a share of the mix, in the order given. */
    static List<PopulationBuilder> populations(Profile profile, List<ScenarioBuilder> scenarios) {
        List<PopulationBuilder> populations = new ArrayList<>();
        for (ScenarioBuilder scenario : scenarios) {
            String name = scenario.wrapped.name();
            if (profile.mix().containsKey(name)) {
                populations.add(scenario.injectOpen(steps(profile, name)));
            }
        }
        return populations;
    }

    static OpenInjectionStep[] steps(Profile profile, String scenario) {
        LoadShape load = profile.load();
        double warmUpRate = profile.shareOf(scenario, load.warmUpRatePerSec());
        double rate = profile.shareOf(scenario, load.ratePerSec());
        List<OpenInjectionStep> steps = new ArrayList<>();
        if (load.warmUpSec() > 0) {
            steps.add(constantUsersPerSec(warmUpRate).during(Duration.ofSeconds(load.warmUpSec())));
        }
        if (load.capacitySearch()) {
            steps.add(stairs(load.stairs(), share -> profile.shareOf(scenario, share)));
            Degradation degradation = load.degradation();
            if (degradation != null) {
                // Users arrive at the most the phase can need; the run's CapacityGate admits the
                // share that the knee, known only by then, asks for.
                steps.add(nothingFor(Duration.ofSeconds(Degradation.SETTLE_SEC)));
                steps.add(constantUsersPerSec(profile.shareOf(scenario, degradation.injectedRatePerSec(load.stairs())))
                        .during(Duration.ofSeconds(degradation.overloadSec() + degradation.recoverySec())));
            }
            return steps.toArray(OpenInjectionStep[]::new);
        }
        if (load.rampUpSec() > 0) {
            steps.add(rampUsersPerSec(warmUpRate).to(rate).during(Duration.ofSeconds(load.rampUpSec())));
        }
        Spike spike = load.spike();
        if (spike == null) {
            steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(load.steadySec())));
        } else {
            if (spike.atSec() > 0) {
                steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(spike.atSec())));
            }
            steps.add(constantUsersPerSec(rate * spike.factor()).during(Duration.ofSeconds(spike.holdSec())));
            int after = load.steadySec() - spike.atSec() - spike.holdSec();
            if (after > 0) {
                steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(after)));
            }
        }
        return steps.toArray(OpenInjectionStep[]::new);
    }

    /** Gatling's own stairs: each level held, levels joined by linear ramps. */
    private static OpenInjectionStep stairs(Stairs stairs, java.util.function.DoubleUnaryOperator share) {
        var levels = incrementUsersPerSec(share.applyAsDouble(stairs.stepRatePerSec())).times(stairs.steps())
                .eachLevelLasting(Duration.ofSeconds(stairs.holdSec()));
        return stairs.rampSec() > 0
                ? levels.separatedByRampsLasting(Duration.ofSeconds(stairs.rampSec())).startingFrom(share.applyAsDouble(stairs.startRatePerSec()))
                : levels.startingFrom(share.applyAsDouble(stairs.startRatePerSec()));
    }
}
