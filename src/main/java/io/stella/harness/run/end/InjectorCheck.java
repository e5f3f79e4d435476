package io.stella.harness.run.end;

import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.run.RunPlan;
import io.stella.harness.verdict.InjectorAudioClock;
import io.stella.harness.verdict.InjectorCpu;
import io.stella.harness.verdict.InjectorHealth;
import io.stella.harness.verdict.InjectorSchedule;

/**
 * Whether this injector's figures describe the target: it kept to its schedule and had CPU to spare
 * ({@code health}); for a capacity search's steps also whether its audio clock kept time ({@code stepHealth},
 * media runs); and why not, in words, or null.
 */
record InjectorCheck(InjectorSchedule schedule, InjectorCpu cpu, InjectorHealth health, InjectorHealth stepHealth,
                     String troubleReason) {

    static InjectorCheck of(RunPlan plan, RunMeasurements measurements, EndInputs inputs) {
        boolean stoppedEarly = inputs.interrupted() || inputs.live().aborted() != null;
        // A run stopped early is held to its plan only for the seconds it ran, its last (cut) one excluded.
        InjectorSchedule schedule = InjectorSchedule.check(plan.profile().load(), measurements.userStartsPerSecond(),
                stoppedEarly ? Math.max(0, measurements.userStartsPerSecond().size() - 1) : Integer.MAX_VALUE);
        InjectorCpu cpu = new InjectorCpu(inputs.cpuBySecond(), plan.profile().load().warmUpSec(), !plan.target().embedded());
        InjectorHealth health = InjectorHealth.either(schedule, cpu);
        VoiceMetrics voice = inputs.voice();
        // A step is the injector's too when its audio clock fell behind during the hold (media runs).
        InjectorHealth stepHealth = voice == null || !plan.profile().carriesMedia() ? health : InjectorHealth.either(health,
                new InjectorAudioClock(voice.media().clockBySecond(), plan.profile().load().warmUpSec()));
        return new InjectorCheck(schedule, cpu, health, stepHealth, troubleReason(health, voice));
    }

    /** Why this injector's figures cannot be trusted: it fell behind, ran out of CPU, or its audio clock lagged; or null. */
    private static String troubleReason(InjectorHealth injector, VoiceMetrics voice) {
        String media = voice == null ? null : voice.media().troubleReason();
        String own = injector.troubled() ? injector.reason() : null;
        return own == null ? media : media == null ? own : own + "; " + media;
    }
}
