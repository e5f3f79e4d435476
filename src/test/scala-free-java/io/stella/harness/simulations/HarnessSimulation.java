package io.stella.harness.simulations;

import io.gatling.javaapi.core.Simulation;
import io.stella.harness.config.KnownNames;

/**
 * A Gatling simulation run by the harness: the profile and target are validated (and the reference
 * target started) before the subclass builds its scenarios, the warm-up clock starts with the load,
 * and the run is measured, judged and written when Gatling is done.
 */
abstract class HarnessSimulation extends Simulation {

    protected final HarnessRun run;

    protected HarnessSimulation(KnownNames known, String defaultProfile) {
        this.run = HarnessRun.open(known, defaultProfile);
    }

    @Override
    public void before() {
        run.loadStarts();
    }

    @Override
    public void after() {
        run.finish();
    }
}
