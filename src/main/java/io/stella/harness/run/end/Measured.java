package io.stella.harness.run.end;

import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.GatlingLogReader;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.verdict.WindowedCompliance;

import java.nio.file.Path;
import java.util.List;

/**
 * A run as Gatling's log and the voice metrics measured it, its interval log written to its folder.
 *
 * @param simulationLog the Gatling log read
 * @param tallies       each threshold's windows over the steady load (none for a capacity search)
 * @param phase         a degradation phase's timeline, or null without one
 * @param outcome       what reading the log found (a truncated last record)
 */
public record Measured(Path simulationLog, Path folder, RunMeasurements measurements, List<WindowedCompliance.Tally> tallies,
                       DegradationMeasurements phase, GatlingLogReader.Outcome outcome) {

    public Measured {
        tallies = List.copyOf(tallies);
    }
}
