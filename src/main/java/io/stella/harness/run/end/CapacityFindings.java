package io.stella.harness.run.end;

import io.stella.harness.verdict.LiveKnee;
import io.stella.harness.config.Profile;
import io.stella.harness.judgement.CapacityItems;
import io.stella.harness.judgement.CapacityJudge;
import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.CapacityView;
import io.stella.harness.results.Summary;
import io.stella.harness.run.RunPlan;
import io.stella.harness.run.live.LiveRun;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.SignOffWriters;
import io.stella.harness.verdict.CapacityPlan;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.DegradationCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A capacity search judged step by step on its own histograms (targets hold up to the knee), its plan
 * from the knee, its checklist items, and a degradation phase judged after it; all empty for a run that
 * searched nothing.
 *
 * @param search      the steps and the knee, or null
 * @param view        summary.json's capacity section, or null
 * @param items       the capacity and degradation checklist items
 * @param degradation summary.json's degradation section, or null
 */
record CapacityFindings(CapacitySearch.Result search, CapacityView view, List<ItemResult> items,
                        Summary.DegradationView degradation) {

    static final CapacityFindings NONE = new CapacityFindings(null, null, List.of(), null);

    CapacityFindings {
        items = List.copyOf(items);
    }

    static CapacityFindings of(RunPlan plan, Measured measured, EndInputs inputs, InjectorCheck injector) {
        RunMeasurements measurements = measured.measurements();
        if (measurements.steps() == null) {
            return NONE;
        }
        VoiceMetrics voice = inputs.voice();
        LiveRun.Observed live = inputs.live();
        if (voice != null && voice.steps() != null) {
            measurements.steps().addWindowsOf(voice.steps());
        }
        Set<String> namesRun = new TreeSet<>(measurements.byRequest().keySet());
        if (voice != null) {
            namesRun.addAll(voice.recorded().keySet());
        }
        CapacitySearch.Result search = CapacityJudge.search(plan.profile(), measurements, namesRun, injector.stepHealth(),
                live.capacity() == null ? null : live.capacity().stepRates());
        Integer kneeSessions = search.knee() == null ? null : heldAtOnce(plan.profile(), voice, search.knee().step());
        CapacityPlan capacityPlan = search.knee() != null && plan.profile().planning() != null
                ? CapacityPlan.of(search.knee().ratePerSec(), kneeSessions, plan.profile().planning()) : null;
        CapacityView view = CapacityView.of(search, capacityPlan, measurements.steps(), step -> heldAtOnce(plan.profile(), voice, step));
        if (live.capacity() != null) {
            view = view.withStoppedEarly(live.capacity().stoppedEarly());
        }
        if (search.knee() != null) {
            view = view.withKneeConcurrentSessions(kneeSessions);
        }
        List<ItemResult> items = new ArrayList<>(CapacityItems.of(search, capacityPlan, plan.profile().name(),
                live.capacity() != null && live.capacity().stoppedEarly(), kneeSessions, view, unitOf(plan.profile())));
        Summary.DegradationView degradation = null;
        if (measured.phase() != null) {
            ItemResult item = degradationItem(plan.profile(), measured.phase(), inputs);
            items.add(item);
            degradation = new Summary.DegradationView(SignOffWriters.label(item.status()), item.reason(), item.evidence(),
                    measured.phase().timeline());
        }
        return new CapacityFindings(search, view, items, degradation);
    }

    /** The overload at the live knee and the recovery after it, judged as the checklist's graceful degradation. */
    private static ItemResult degradationItem(Profile profile, DegradationMeasurements phase, EndInputs inputs) {
        LiveRun.Observed live = inputs.live();
        LiveKnee knee = live.capacity() == null ? null : live.capacity().knee();
        int overloadFromSec = profile.load().overloadStartSec();
        VoiceMetrics.CallTally callsPlaced = profile.carriesMedia() && inputs.voice() != null
                ? inputs.voice().callsPlacedBetween(overloadFromSec, overloadFromSec + profile.load().degradation().overloadSec()) : null;
        DegradationCheck.Result degradation = DegradationCheck.judge(knee == null ? null : knee.kneeRatePerSec(), phase,
                live.capacity() == null ? 0 : live.capacity().refusalsWithoutRetryAfter(), profile.thresholds(), callsPlaced);
        return CapacityItems.degradation(degradation, profile, knee);
    }

    /** What a knee is counted in, for the sign-off: conversations, voice sessions, or (null) journeys. */
    private static String unitOf(Profile profile) {
        return profile.carriesMedia() ? "conversations" : profile.voice() != null ? "voice sessions" : null;
    }

    /** The most conversations or voice sessions held at once during the step's hold; null without voice. */
    private static Integer heldAtOnce(Profile profile, VoiceMetrics voice, int step) {
        if (voice == null) {
            return null;
        }
        int holdFromSec = profile.load().warmUpSec() + profile.load().stairs().holdStartSec(step);
        return voice.peakSessionsHeldBetween(holdFromSec, holdFromSec + profile.load().stairs().holdSec());
    }
}
