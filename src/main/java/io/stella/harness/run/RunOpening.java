package io.stella.harness.run;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.LivekitTarget;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Profile;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.config.Settings;
import io.stella.harness.config.Shard;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.config.TargetLoader;
import io.stella.harness.judgement.BaselineCheck;
import io.stella.harness.judgement.ExitCode;
import io.stella.harness.reference.EmbeddedTarget;
import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceTarget;
import io.stella.harness.reference.ReferenceTargetProcess;
import io.stella.harness.reference.livekit.LivekitSettings;
import io.stella.harness.results.History;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything decided before any load, in order: the profile (this injector's share of it), a history and
 * baseline that can be read and added to, this run's results folder (made first, so that a run that cannot
 * keep its evidence does not start), the target (or the embedded reference target, started), the
 * injectors' common start, the plan, the pre-flight. A user's mistake is refused here ({@link RunRefused}:
 * one line per problem, its exit code) with what was started undone: the reference target stopped, the
 * results folder removed, or for an injector of a sharded run, its refusal kept there for the merge.
 */
final class RunOpening {

    private static final Duration PRE_FLIGHT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What a run opens with: its plan, the reference target it started (or null), the origins a CORS probe may
     * trust, and for an injector of a sharded run the instant its load starts at (else null).
     */
    record Opened(RunPlan plan, EmbeddedTarget reference, List<String> trustedOrigins, Instant commonStart) {
    }

    private final Settings settings;
    private final KnownNames known;
    private final Instant startedAt = Instant.now();
    private Optional<Shard> shard = Optional.empty();
    private Path folder;
    private EmbeddedTarget reference;

    RunOpening(Settings settings, KnownNames known) {
        this.settings = settings;
        this.known = known;
    }

    Opened open(String defaultProfile) {
        try {
            RunPlan plan = plan(defaultProfile);
            plan.announce(System.out);
            preFlight(plan.target(), reference);
            List<String> trustedOrigins = reference != null ? reference.settings().corsOrigins()
                    : Arrays.stream(settings.getOrDefault("CORS_ORIGINS", "").split(",")).map(String::trim)
                    .filter(origin -> !origin.isEmpty()).toList();
            // agreed now, so that a late injector refuses at once; awaited as the load starts (HarnessRun.loadStarts)
            Instant commonStart = plan.shard() == null ? null
                    : ShardStart.agree(settings, plan.resultsRoot(), plan.runId(), Clock.systemUTC());
            return new Opened(plan, reference, trustedOrigins, commonStart);
        } catch (ConfigException e) {
            undo(e.problems());
            throw RunRefused.refuse(ExitCode.INVALID_CONFIG, e.problems());
        } catch (RunRefused e) {
            undo(List.of(e.getMessage()));
            throw e;
        }
    }

    private RunPlan plan(String defaultProfile) {
        shard = Shard.from(settings);
        boolean traceSampled = settings.flag(HarnessRun.TRACE_SAMPLED, false);
        String runId = shard.isPresent() ? Shard.runId(settings) : null;
        Profile whole = ProfileLoader.load(ProfileLoader.resolve(settings.getOrDefault(HarnessRun.PROFILE, defaultProfile)), known);
        Profile profile = shard.map(whole::forShard).orElse(whole);
        Path resultsRoot = Path.of(settings.getOrDefault(HarnessRun.RESULTS_ROOT, "results"));
        Path history = settings.get(HarnessRun.HISTORY).map(Path::of).orElse(null);
        if (history != null) {
            History.requireUsable(history);
        }
        Path baseline = baseline(resultsRoot, profile.name(), history);
        double tolerance = Numbers.parsePositive(HarnessRun.BASELINE_TOLERANCE, settings.getOrDefault(HarnessRun.BASELINE_TOLERANCE,
                Double.toString(BaselineCheck.DEFAULT_TOLERANCE_PERCENT)));
        folder = RunFolderClaim.claim(resultsRoot, profile.name(), startedAt, shard.orElse(null), runId);
        TargetConfig target = target(profile);
        return RunPlan.builder().profile(profile).target(target).simulation(known.simulation()).startedAt(startedAt)
                .gatlingResultsDir(Path.of(settings.getOrDefault(HarnessRun.GATLING_RESULTS, "target/gatling"))).resultsRoot(resultsRoot)
                .resultsFolder(folder).referenceFaults(reference == null ? null : reference.settings().faults())
                .referenceAgentFaults(reference == null ? null : reference.settings().livekit().agentFaults().describe())
                .baseline(baseline).baselineTolerancePercent(tolerance).history(history).shard(shard.orElse(null)).runId(runId)
                .traceSampled(traceSampled).build();
    }

    /** The target given, or the embedded reference target, started on loopback. */
    private TargetConfig target(Profile profile) {
        Optional<TargetConfig> external = TargetLoader.external(settings);
        if (external.isPresent()) {
            return external.get();
        }
        // A run with media keeps the target's libwebrtc (the stand-in's agents) out of its own process.
        ReferenceSettings referenceSettings = ReferenceSettings.from(settings);
        reference = profile.carriesMedia() ? ReferenceTargetProcess.start(settings, referenceSettings)
                : ReferenceTarget.start(referenceSettings);
        LivekitSettings livekit = reference.settings().livekit();
        return new TargetConfig(reference.baseUrl(), true, reference.settings().clientId(), reference.settings().clientSecret(),
                TargetLoader.contract(settings), new LivekitTarget(reference.livekitUrl(), livekit.apiKey(), livekit.apiSecret()));
    }

    private void undo(List<String> problems) {
        undo(reference, folder, shard.orElse(null), problems);
    }

    /** What a refused run started is undone: the reference target stopped, its results folder released. */
    static void undo(EmbeddedTarget reference, Path folder, Shard shard, List<String> problems) {
        if (reference != null) {
            reference.close();
        }
        RunFolderClaim.release(folder, shard, problems);
    }

    /**
     * {@code -Dbaseline=<folder>}, or {@code -Dbaseline=latest}: the newest earlier good results of this
     * profile under the results root (a nightly run's last good night: its sign-off GO, or accepted in
     * {@code history}); none yet is no mistake. Either is read whole before any load: a baseline that cannot
     * be compared with refuses the run.
     */
    private Path baseline(Path resultsRoot, String profile, Path history) {
        Optional<String> asked = settings.get(HarnessRun.BASELINE);
        if (asked.isEmpty()) {
            return null;
        }
        Path baseline;
        if (asked.get().equals(BaselineCheck.LATEST)) {
            try {
                baseline = BaselineCheck.latest(resultsRoot, profile, acceptedFolders(history, profile)).orElse(null);
            } catch (IOException e) {
                throw new ConfigException("baseline: latest: cannot list " + resultsRoot + " (" + e.getMessage() + ")");
            }
            System.out.println(baseline == null ? "  baseline: no earlier good " + profile + " results under " + resultsRoot
                    + ", nothing to compare with" + (history == null ? "" : " but the history") : "  baseline: latest is " + baseline);
        } else {
            baseline = Path.of(asked.get());
        }
        if (baseline != null) {
            BaselineCheck.validate(baseline);
        }
        return baseline;
    }

    /** The names of the results folders of {@code profile} that the history accepted (none without a history). */
    private static java.util.Set<String> acceptedFolders(Path history, String profile) {
        if (history == null) {
            return java.util.Set.of();
        }
        try {
            History.Contents contents = History.read(history);
            java.util.Set<String> accepted = new java.util.HashSet<>();
            contents.acceptances().stream().filter(acceptance -> acceptance.profile().equals(profile))
                    .forEach(acceptance -> accepted.addAll(acceptance.runStarts()));
            return contents.runs().stream().filter(run -> accepted.contains(run.runStart()) && run.folder() != null)
                    .map(run -> Path.of(run.folder()).getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new ConfigException("history: " + e.getMessage());
        }
    }

    /** The target must be up before any load: a down target ends the run here with its own exit code. */
    private static void preFlight(TargetConfig target, EmbeddedTarget reference) {
        try {
            new PreFlight(PRE_FLIGHT_TIMEOUT).check(target).forEach(line -> System.out.println("  pre-flight  " + line));
        } catch (PreFlight.TargetDown down) {
            throw RunRefused.refuse(ExitCode.TARGET_DOWN,
                    List.of("STELLA harness: target down: " + down.getMessage() + "; no load was sent"));
        }
    }
}
