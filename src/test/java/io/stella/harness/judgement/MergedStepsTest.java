package io.stella.harness.judgement;

import io.stella.harness.config.Planning;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.results.StepsFile;
import io.stella.harness.verdict.CapacitySearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A sharded capacity search judged on its injectors' merged steps. */
class MergedStepsTest {

    static final List<Threshold> THRESHOLDS = List.of(new Threshold.ErrorRateLimit("all", 1));

    @TempDir
    Path dir;

    /** One injector's share: 200 answers per step, and {@code errors} failures in each step from {@code failingFrom} on. */
    static StepsFile.Document injector(int failingFrom, int errors) {
        List<StepsFile.Step> steps = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            LatencyWindow all = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
            for (int i = 0; i < 200; i++) {
                all.record(5_000, step >= failingFrom && i < errors ? ErrorKind.HTTP_5XX : null);
            }
            steps.add(StepsFile.step(step, 5 + 5 * step, Map.of("all", all)));
        }
        return new StepsFile.Document(4, new Planning(5.0, null, 10, 1.5), steps);
    }

    @Test
    void aStepIsJudgedOnTheSumOfItsInjectorsNotOnEitherAlone() throws Exception {
        // injector 0 fails 3 of 200 from step 2 (1.5%: past the limit alone), injector 1 none: 0.75% together
        CapacitySearch.Result merged = MergedSteps.search(List.of(injector(2, 3), injector(9, 0)), THRESHOLDS);

        assertEquals(CapacitySearch.Finding.LIMIT_NOT_REACHED, merged.finding());
        assertEquals(40, merged.knee().ratePerSec(), 1e-9, "rates are summed: the last step is 20 + 20 journeys/s");
    }

    @Test
    void theKneeIsTheLastStepTheMergeHeld() throws Exception {
        CapacitySearch.Result merged = MergedSteps.search(List.of(injector(2, 6), injector(2, 6)), THRESHOLDS);

        assertEquals(CapacitySearch.Finding.KNEE_FOUND, merged.finding());
        assertEquals(20, merged.knee().ratePerSec(), 1e-9);
        assertEquals(30, merged.firstFailing().ratePerSec(), 1e-9);
    }

    @Test
    void stepsSurviveTheirFileExactly() throws Exception {
        StepsFile.write(dir, injector(1, 4));

        StepsFile.Document read = StepsFile.read(dir);
        LatencyWindow step1 = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        read.steps().get(1).windows().get("all").addTo(step1);

        assertEquals(200, step1.count());
        assertEquals(4, step1.errorCount());
        assertEquals(5.0, step1.percentileMillis(50), 0.01);
        assertEquals(new Planning(5.0, null, 10, 1.5), read.planning());
    }

    @Test
    void stepsWithoutFailuresSurviveTheirFileToo() throws Exception {
        StepsFile.write(dir, injector(9, 0));

        LatencyWindow step0 = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        StepsFile.read(dir).steps().get(0).windows().get("all").addTo(step0);

        assertEquals(200, step0.count());
        assertEquals(0, step0.errorCount());
    }
}
