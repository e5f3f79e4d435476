package io.stella.harness.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileLoaderTest {

    static final KnownNames KNOWN = new KnownNames("TestSimulation", Set.of("journey", "probes"),
            Set.of("token", "createSession", "healthz"), Set.of("cors", "https"));

    static final String VALID = """
            {
              "description": "a valid profile",
              "load": {"warmUpSec": 2, "warmUpRatePerSec": 1, "rampUpSec": 3, "ratePerSec": 4, "steadySec": 5},
              "mix": {"journey": 3, "probes": 1},
              "thresholds": {
                "all": {"maxMillisAtPercentile": {"50": 10, "99.9": 100}, "maxErrorPercent": 1, "minThroughputPerSec": 2},
                "createSession": {"maxMillisAtPercentile": {"95": 50}}
              }
            }""";

    @TempDir
    Path dir;

    @Test
    void aValidProfileLoadsWithEveryThresholdInFileOrder() throws IOException {
        Profile profile = ProfileLoader.load(write("load.json", VALID), KNOWN);

        assertEquals("load", profile.name());
        assertEquals(new LoadShape(2, 1, 3, 4, 5), profile.load());
        assertEquals(8, profile.load().measuredSec());
        assertEquals(ProfileLoader.DEFAULT_REQUEST_TIMEOUT_MILLIS, profile.requestTimeoutMillis());
        assertEquals(Connections.PER_USER, profile.connections(), "each user its own connections unless the profile says shared");
        assertEquals(List.of(
                new Threshold.PercentileLimit("all", 50, 10),
                new Threshold.PercentileLimit("all", 99.9, 100),
                new Threshold.ErrorRateLimit("all", 1),
                new Threshold.ThroughputFloor("all", 2),
                new Threshold.PercentileLimit("createSession", 95, 50)), profile.thresholds());
        assertEquals(3.0, profile.shareOf("journey", 4.0), 1e-9);
        assertEquals(1.0, profile.shareOf("probes", 4.0), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a percentile written as a fraction | "50": 10                       | "0.99": 10                            | /thresholds/all/maxMillisAtPercentile/0.99 looks like a fraction: percentiles are on the 0-100 scale, write "99" for P99 (was 0.99)
            a percentile above 100            | "50": 10                       | "150": 10                             | /thresholds/all/maxMillisAtPercentile/150 must be a percentile within 1..100 (was 150)
            a percentile that is no number    | "50": 10                       | "p99": 10                             | /thresholds/all/maxMillisAtPercentile/p99 is not a percentile: keys are numbers on the 0-100 scale, e.g. "99" or "99.9"
            a negative latency limit          | "50": 10                       | "50": -5                              | /thresholds/all/maxMillisAtPercentile/50 must be a latency in milliseconds > 0 (was -5.0)
            a misspelt field                  | "ratePerSec": 4                | "ratePerSecond": 4, "ratePerSec": 4   | /load/ratePerSecond is not a known field (did you mean ratePerSec?)
            an unknown request name           | "createSession": {             | "creatSession": {                     | /thresholds/creatSession is not a request of TestSimulation (did you mean createSession?)
            an unknown scenario               | "probes": 1                    | "probe": 1                            | /mix/probe is not a scenario of TestSimulation (did you mean probes?)
            a zero rate                       | "ratePerSec": 4                | "ratePerSec": 0                       | /load/ratePerSec must be > 0 (was 0)
            a missing steady phase            | , "steadySec": 5               | ''                                    | /load/steadySec is required (seconds at ratePerSec)
            a string for a number             | "steadySec": 5                 | "steadySec": "5"                      | /load/steadySec must be a whole number
            a fractional second count         | "steadySec": 5                 | "steadySec": 5.5                      | /load/steadySec must be a whole number
            an error rate above 100           | "maxErrorPercent": 1           | "maxErrorPercent": 101                | /thresholds/all/maxErrorPercent must be within 0..100 (was 101)
            an empty description              | "a valid profile"              | "  "                                  | /description is required: say in words what this profile is for
            an unknown connection mode        | "mix":                         | "connections": "pooled", "mix":       | /connections must be "perUser" (each user its own, the default) or "shared" (one keep-alive pool for all users) (was pooled)
            """)
    void eachMistakeGetsOneLineNamingFileAndPath(String mistake, String from, String to, String expected) throws IOException {
        Path file = write("broken.json", VALID.replace(from, to.equals("''") ? "" : to));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN), mistake);

        assertEquals(1, error.problems().size(), error.getMessage());
        String line = error.problems().get(0);
        assertTrue(line.startsWith(file + ": " + expected), "expected '" + expected + "' in: " + line);
        assertTrue(!line.contains("\n"), line);
    }

    @Test
    void sharedConnectionsAreAskedForByName() throws IOException {
        Profile profile = ProfileLoader.load(write("shared.json", VALID.replace("\"mix\":", "\"connections\": \"shared\", \"mix\":")), KNOWN);

        assertEquals(Connections.SHARED, profile.connections());
    }

    @Test
    void probesAreAllByDefaultAndAnUnknownOneIsNamed() throws IOException {
        assertEquals(Set.of("cors", "https"), ProfileLoader.load(write("all.json", VALID), KNOWN).probes());
        Path some = write("some.json", VALID.replace("\"mix\"", "\"probes\": [\"https\"], \"mix\""));
        assertEquals(Set.of("https"), ProfileLoader.load(some, KNOWN).probes());
        Path none = write("none.json", VALID.replace("\"mix\"", "\"probes\": [], \"mix\""));
        assertEquals(Set.of(), ProfileLoader.load(none, KNOWN).probes());
        KnownNames withWriter = new KnownNames("TestSimulation", KNOWN.scenarios(), KNOWN.requests(),
                Set.of("cors", "databaseIndexes"));
        assertEquals(Set.of("cors"), ProfileLoader.load(write("default.json", VALID), withWriter).probes(),
                "a probe that writes data runs only when named");
        Path typo = write("typo.json", VALID.replace("\"mix\"", "\"probes\": [\"corz\"], \"mix\""));
        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(typo, KNOWN));
        assertEquals(List.of(typo + ": /probes/0 is not a probe (did you mean cors?); known: cors, https (was corz)"), error.problems());
    }

    static final String STAIRS = """
            {
              "description": "capacity",
              "load": {"warmUpSec": 2, "stairs": {"startRatePerSec": 10, "stepRatePerSec": 5, "steps": 4, "holdSec": 6, "rampSec": 2}},
              "mix": {"journey": 1},
              "planning": {"currentPeakRatePerSec": 12, "monthlyGrowthPercent": 8},
              "thresholds": {"all": {"maxErrorPercent": 1}}
            }""";

    @Test
    void aCapacitySearchIsStairsWithPlanning() throws IOException {
        Profile profile = ProfileLoader.load(write("capacity.json", STAIRS), KNOWN);

        assertEquals(new Stairs(10, 5, 4, 6, 2), profile.load().stairs());
        assertEquals(4 * 6 + 3 * 2, profile.load().measuredSec());
        assertEquals(2 + 30, profile.load().totalSec());
        assertEquals(25, profile.load().stairs().rateOfStep(3), 1e-9);
        assertEquals(new Planning(12.0, null, 8, 1.5), profile.planning());
    }

    @Test
    void aSpikeSitsInsideTheSteadyPhase() throws IOException {
        Profile profile = ProfileLoader.load(write("spike.json", VALID.replace("\"steadySec\": 5}",
                "\"steadySec\": 5, \"spike\": {\"factor\": 5, \"atSec\": 1, \"holdSec\": 2}}")), KNOWN);

        assertEquals(new Spike(5, 1, 2), profile.load().spike());
        // 2 s warm-up at 1/s, 3 s ramp 1 -> 4/s, then 4/s with 20/s from second 1 to 3 of the steady phase
        assertEquals(20, profile.load().plannedRateAt(2 + 3 + 1.5), 1e-9);
        assertEquals(4, profile.load().plannedRateAt(2 + 3 + 3.5), 1e-9);
        assertEquals(2 + 7.5 + 4 + 40 + 8, profile.load().plannedUsersBetween(0, profile.load().totalSec()), 1e-6);
    }

    @Test
    void aSpikeMustEndWithinTheSteadyPhaseAndBeASpike() throws IOException {
        Path file = write("bad-spike.json", VALID.replace("\"steadySec\": 5}",
                "\"steadySec\": 5, \"spike\": {\"factor\": 1, \"atSec\": 4, \"holdSec\": 3}}"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(2, error.problems().size(), error.getMessage());
        assertTrue(error.problems().get(0).contains("/load/spike/factor must be > 1"), error.getMessage());
        assertTrue(error.problems().get(1).contains("/load/spike must end within the steady phase (4 + 3 s > steadySec 5)"),
                error.getMessage());
    }

    static final KnownNames BACKEND = new KnownNames("BackendApiSimulation", Set.of("journey"), Set.of("token"), Set.of());
    static final String WITH_DEGRADATION = STAIRS.replace("\"rampSec\": 2}}", "\"rampSec\": 2}, \"degradation\": {\"overloadSec\": 10}}");

    @Test
    void aDegradationPhaseFollowsTheStairsWithDefaultsForWhatIsNotSaid() throws IOException {
        Profile profile = ProfileLoader.load(write("degradation.json", WITH_DEGRADATION), BACKEND);

        assertEquals(new Degradation(1.5, 10, 0.5, 20, 100, 1000, 1, 10), profile.load().degradation());
        // 2 s warm-up, 30 s of stairs up to 25/s, 2 s settle, 10 + 20 s at 1.5 x 25/s injected (the gate admits the share)
        assertEquals(2 + 30 + 2 + 30, profile.load().totalSec());
        assertEquals(2 + 30 + 2, profile.load().overloadStartSec());
        assertEquals(0, profile.load().plannedRateAt(2 + 30 + 1), 1e-9);
        assertEquals(37.5, profile.load().plannedRateAt(2 + 30 + 2 + 15), 1e-9);
        assertEquals(0, profile.load().plannedRateAt(2 + 30 + 2 + 30 + 1), 1e-9);
    }

    @Test
    void aDegradationPhaseNeedsSensibleFactors() throws IOException {
        Path file = write("bad-degradation.json", STAIRS.replace("\"rampSec\": 2}}",
                "\"rampSec\": 2}, \"degradation\": {\"overloadFactor\": 0.8, \"recoverySec\": 10, \"maxRecoverySec\": 8}}"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(List.of(
                file + ": /load/degradation/overloadFactor must be within (1, 10]: times the knee during the overload (was 0.8)",
                file + ": /load/degradation/maxRecoverySec must be within 0..recoverySec - 5 so that recovery can be seen (was 8)"),
                error.problems());
    }

    @Test
    void aDegradationPhaseWithoutStairsIsRefused() throws IOException {
        Path file = write("steady-degradation.json", VALID.replace("\"steadySec\": 5}", "\"steadySec\": 5, \"degradation\": {}}"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, BACKEND));

        assertTrue(error.problems().get(0).endsWith(
                "/load/degradation needs stairs: the overload is set relative to the knee a capacity search finds"), error.getMessage());
    }

    static final String SHARED = """
            {"description": "shared", "thresholds": {"all": {"maxMillisAtPercentile": {"50": 50, "99": 300}, "maxErrorPercent": 0.5}}}
            """;

    @Test
    void aProfileExtendsASharedThresholdsFileAndOverridesRuleByRule() throws IOException {
        Files.createDirectories(dir.resolve("shared"));
        Files.writeString(dir.resolve("shared/t.json"), SHARED);
        Path file = write("extends.json", STAIRS.replace("\"thresholds\": {\"all\": {\"maxErrorPercent\": 1}}",
                "\"thresholdsFrom\": \"shared/t.json\", \"thresholds\": {\"all\": {\"maxMillisAtPercentile\": {\"99\": 250}},"
                        + " \"token\": {\"maxErrorPercent\": 0}}"));

        Profile profile = ProfileLoader.load(file, KNOWN);

        assertEquals(List.of(new Threshold.PercentileLimit("all", 50, 50), new Threshold.ErrorRateLimit("all", 0.5),
                new Threshold.PercentileLimit("all", 99, 250), new Threshold.ErrorRateLimit("token", 0)), profile.thresholds());
    }

    @Test
    void aMistakeInTheSharedFileNamesThatFile() throws IOException {
        Files.createDirectories(dir.resolve("shared"));
        Files.writeString(dir.resolve("shared/t.json"), SHARED.replace("\"all\"", "\"creatSession\""));
        Path file = write("extends.json", STAIRS.replace("\"thresholds\": {\"all\": {\"maxErrorPercent\": 1}}",
                "\"thresholdsFrom\": \"shared/t.json\""));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(1, error.problems().size(), error.getMessage());
        assertTrue(error.problems().get(0).startsWith(dir.resolve("shared/t.json") + ": /thresholds/creatSession is not a request"
                + " of TestSimulation (did you mean createSession?)"), error.getMessage());
    }

    @Test
    void aMissingSharedFileIsNamedFromTheProfile() throws IOException {
        Path file = write("extends.json", STAIRS.replace("\"thresholds\": {\"all\": {\"maxErrorPercent\": 1}}",
                "\"thresholdsFrom\": \"shared/none.json\""));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(List.of(file + ": /thresholdsFrom names a file that cannot be used: " + dir.resolve("shared/none.json")
                + ": no such file"), error.problems());
    }

    @Test
    void stairsAndASteadyShapeTogetherAreRefused() throws IOException {
        Path file = write("both.json", STAIRS.replace("\"warmUpSec\": 2,", "\"warmUpSec\": 2, \"ratePerSec\": 5,"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(List.of(file + ": /load has both stairs and a steady shape: a capacity search uses stairs alone"),
                error.problems());
    }

    @Test
    void stairsNeedTwoStepsAndPlanningAPeak() throws IOException {
        Path file = write("bad.json", STAIRS.replace("\"steps\": 4", "\"steps\": 1")
                .replace("\"currentPeakRatePerSec\": 12", "\"currentPeakRatePerSec\": 0"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(2, error.problems().size(), error.getMessage());
        assertTrue(error.problems().get(0).endsWith("/load/stairs/steps must be within 2..100 (was 1)"), error.getMessage());
        assertTrue(error.problems().get(1).contains("/planning/currentPeakRatePerSec must be > 0"), error.getMessage());
    }

    @Test
    void planningReadsTodaysPeakInConversationsOrInJourneysPerSecondNotBoth() throws IOException {
        Path conversations = write("conversations.json", STAIRS.replace("\"currentPeakRatePerSec\": 12", "\"currentPeakConversations\": 40"));
        Path both = write("both-peaks.json", STAIRS.replace("\"currentPeakRatePerSec\": 12",
                "\"currentPeakRatePerSec\": 12, \"currentPeakConversations\": 40"));

        assertEquals(new Planning(null, 40, 8, 1.5), ProfileLoader.load(conversations, KNOWN).planning());
        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(both, KNOWN));
        assertEquals(List.of(both + ": /planning/currentPeakRatePerSec give today's peak once: in journeys per second"
                + " or in currentPeakConversations, not both"), error.problems());
    }

    @Test
    void aSyntaxErrorNamesTheFileAndWhereItIs() throws IOException {
        Path file = write("syntax.json", VALID.replace("\"mix\": {", "\"mix\": {,"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(1, error.problems().size());
        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertTrue(error.getMessage().contains("is not valid JSON"), error.getMessage());
        assertTrue(error.getMessage().contains("at line 4, column"), error.getMessage());
    }

    @Test
    void aDuplicateKeyIsRefusedRatherThanSilentlyOverwritten() throws IOException {
        Path file = write("dup.json", VALID.replace("\"journey\": 3,", "\"journey\": 3, \"journey\": 5,"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertTrue(error.getMessage().contains("journey"), error.getMessage());
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws IOException {
        Path file = write("many.json", VALID.replace("\"ratePerSec\": 4", "\"ratePerSecc\": 4")
                .replace("\"probes\": 1", "\"probes\": -1").replace("\"createSession\": {", "\"creatSession\": {"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        List<String> problems = error.problems();
        assertEquals(4, problems.size(), error.getMessage());
        assertTrue(problems.stream().anyMatch(p -> p.contains("/load/ratePerSecc is not a known field")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("/load/ratePerSec is required")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("/mix/probes must be a weight > 0")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("/thresholds/creatSession is not a request")));
    }

    @Test
    void aProfileWithoutThresholdsIsRefusedBecauseItCouldNeverFail() throws IOException {
        Path file = write("none.json", """
                {"description": "d", "load": {"ratePerSec": 1, "steadySec": 1}, "mix": {"journey": 1}, "thresholds": {}}""");

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(List.of(file + ": /thresholds is required: a profile without thresholds cannot fail (or name a shared file in thresholdsFrom)"), error.problems());
    }

    @Test
    void anUnknownProfileNameListsTheAvailableOnes() {
        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.resolve("smok"));

        assertTrue(error.getMessage().startsWith("-Dprofile=smok: no profile file simulations/smok.json (did you mean smoke?)"),
                error.getMessage());
        assertTrue(error.getMessage().contains("available: "), error.getMessage());
    }

    @Test
    void withoutLimitsTheDefaultCeilingsApplyAndALoadAboveTheRateCeilingIsRefused() throws IOException {
        assertEquals(Limits.DEFAULT, ProfileLoader.load(write("default-limits.json", VALID), KNOWN).limits());
        Path spiky = write("spiky.json", VALID.replace("\"steadySec\": 5}",
                "\"steadySec\": 5, \"spike\": {\"factor\": 3, \"atSec\": 1, \"holdSec\": 2}}, \"limits\": {\"maxRatePerSec\": 10}"));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(spiky, KNOWN));

        // 4/s with a 3x spike peaks at 12/s: the ceiling is held against the whole schedule
        assertEquals(List.of(spiky + ": /load peaks at 12 users/s, above the ceiling of 10/s: lower the load or raise the ceiling"),
                error.problems());
    }

    @Test
    void aCeilingMustBePositive() throws IOException {
        Path file = write("zero-limits.json", VALID.replace("\"mix\"",
                "\"limits\": {\"maxRatePerSec\": 0, \"maxConcurrentRequests\": 0}, \"mix\""));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, KNOWN));

        assertEquals(List.of(file + ": /limits/maxRatePerSec must be > 0 (was 0)",
                file + ": /limits/maxConcurrentRequests must be >= 1 (was 0)"), error.problems());
    }

    @Test
    void abortRulesReadAsTheyAreWrittenWithOneSecondAndNoGraceByDefault() throws IOException {
        Path file = write("abort.json", VALID.replace("\"mix\"", """
                "abortOnFail": [
                  {"request": "all", "maxErrorPercent": 50, "forSec": 3, "graceSec": 5},
                  {"request": "token", "maxMillisAtPercentile": {"99": 2000}}
                ], "mix\""""));

        Profile profile = ProfileLoader.load(file, LIVE);

        assertEquals(List.of(new AbortRule("all", 50.0, null, null, 3, 5), new AbortRule("token", null, 99.0, 2000.0, 1, 0)),
                profile.abortOnFail());
        assertEquals("all errors > 50% for 3 s", profile.abortOnFail().get(0).describe());
        assertEquals("token P99 > 2000 ms for 1 s", profile.abortOnFail().get(1).describe());
    }

    @Test
    void eachBrokenAbortRuleIsNamedByItsPlace() throws IOException {
        Path file = write("bad-abort.json", VALID.replace("\"mix\"", """
                "abortOnFail": [
                  {"request": "tokn", "maxErrorPercent": 50},
                  {"maxErrorPercent": 50, "maxMillisAtPercentile": {"99": 10}},
                  {"maxMillisAtPercentile": {"99": 10, "50": 5}},
                  {"maxErrorPercent": 100, "forSec": 0, "graceSec": -1}
                ], "mix\""""));

        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(file, LIVE));

        assertEquals(List.of(
                file + ": /abortOnFail/0/request is not a request of BackendApiSimulation (did you mean token?); known: all,"
                        + " createSession, healthz, token (was tokn)",
                file + ": /abortOnFail/1 needs exactly one of maxErrorPercent or maxMillisAtPercentile",
                file + ": /abortOnFail/2/maxMillisAtPercentile must name exactly one percentile, e.g. {\"99\": 2000} (had 2);"
                        + " write one rule per percentile",
                file + ": /abortOnFail/3/maxErrorPercent must be within 0..100 and below 100 (was 100)",
                file + ": /abortOnFail/3/forSec must be within 1..10 (the run's length in seconds) (was 0)",
                file + ": /abortOnFail/3/graceSec must be within 0..9 (was -1)"), error.problems());
    }

    @Test
    void abortRulesAndDegradationAreForEverySimulationSinceEveryRequestIsTimedLive() throws IOException {
        Path file = write("abort-any.json", STAIRS.replace("\"rampSec\": 2}}", "\"rampSec\": 2}, \"degradation\": {}}")
                .replace("\"mix\"", "\"abortOnFail\": [{\"maxErrorPercent\": 50}], \"mix\""));

        var profile = ProfileLoader.load(file, KNOWN);

        assertEquals(1, profile.abortOnFail().size());
        assertTrue(profile.load().degradation() != null);
    }

    static final KnownNames LIVE = new KnownNames("BackendApiSimulation", Set.of("journey", "probes"),
            Set.of("token", "createSession", "healthz"), Set.of());

    @Test
    void aProfileWithoutAConversationCarriesNoMediaAndOneWithItTakesTheDefaultsItLeavesOut() throws IOException {
        assertTrue(!ProfileLoader.load(write("plain.json", VALID), KNOWN).carriesMedia());

        Profile media = ProfileLoader.load(write("media.json", VALID.replace("\"mix\"",
                "\"conversation\": {\"turns\": 2, \"greeting\": false}, \"mix\"")), KNOWN);

        assertTrue(media.carriesMedia());
        assertEquals(2, media.conversation().turns());
        assertEquals(false, media.conversation().greeting());
        assertEquals(ConversationShape.DEFAULT.prompts(), media.conversation().prompts());
        assertEquals(ConversationShape.DEFAULT.replyTimeoutSec(), media.conversation().replyTimeoutSec());
    }

    @Test
    void aConversationIsCheckedFieldByFieldAndEveryPromptMustBeAClipThatLoads() throws IOException {
        Path notAudio = write("notes.wav", "not audio");
        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("bad-media.json",
                VALID.replace("\"mix\"", "\"conversation\": {\"turns\": 0, \"replyTimeoutSec\": 500, \"prompts\": [\"voice/prompt-1.wav\", \""
                        + notAudio + "\"]}, \"mix\"")), KNOWN));

        List<String> problems = error.problems().stream().map(problem -> problem.substring(problem.indexOf(": ") + 2)).toList();
        assertEquals(3, problems.size(), error.getMessage());
        assertEquals("/conversation/turns must be within 1..100 (was 0)", problems.get(0));
        assertEquals("/conversation/replyTimeoutSec must be within 1..120 (was 500)", problems.get(1));
        assertTrue(problems.get(2).startsWith("/conversation/prompts/1 " + notAudio + " is not a WAV file"), problems.get(2));
    }

    @Test
    void theEnginesMixSpreadsEachEnginesCallsOverTheRunFirstCallOnTheFirstEngine() throws IOException {
        Profile media = ProfileLoader.load(write("hybrid.json", VALID.replace("\"mix\"",
                "\"conversation\": {\"engines\": {\"packet\": 3, \"libwebrtc\": 1}}, \"mix\"")), KNOWN);

        List<String> firstEight = java.util.stream.LongStream.range(0, 8).mapToObj(media.conversation()::engineOfCall).toList();
        assertEquals(List.of("libwebrtc", "packet", "packet", "packet", "libwebrtc", "packet", "packet", "packet"), firstEight);
        assertEquals(java.util.Map.of("libwebrtc", 1), ConversationShape.DEFAULT.engines(), "libwebrtc unless the profile says otherwise");
    }

    @Test
    void anUnknownEngineOrAWeightOutOfRangeIsNamedByItsPlace() throws IOException {
        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("bad-engines.json",
                VALID.replace("\"mix\"", "\"conversation\": {\"engines\": {\"chrome\": 1, \"packet\": 0}}, \"mix\"")), KNOWN));

        List<String> problems = error.problems().stream().map(problem -> problem.substring(problem.indexOf(": ") + 2)).toList();
        assertEquals(List.of("/conversation/engines/chrome is no media engine (one of [libwebrtc, packet])",
                "/conversation/engines/packet must be a weight within 1..10000 (was 0)"), problems);
    }

    @Test
    void aNetworkImpairmentNeedsPacketEngineCallsAndSaneFigures() throws IOException {
        ConfigException onLibwebrtc = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("impaired.json",
                VALID.replace("\"mix\"", "\"conversation\": {\"network\": {\"delayMillis\": 100}}, \"mix\"")), KNOWN));
        assertEquals(List.of("/conversation/network applies to calls on the packet engine only, and conversation.engines places"
                + " none there ([libwebrtc])"), onLibwebrtc.problems().stream().map(p -> p.substring(p.indexOf(": ") + 2)).toList());

        ConfigException outOfRange = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("bad-network.json",
                VALID.replace("\"mix\"", "\"conversation\": {\"engines\": {\"packet\": 1}, \"network\": {\"lossPercent\": 80,"
                        + " \"jitterMillis\": -1}}, \"mix\"")), KNOWN));
        assertEquals(List.of("/conversation/network/lossPercent must be a percentage within 0..50 (was 80)",
                "/conversation/network/jitterMillis must be within 0..1000 ms (was -1)"),
                outOfRange.problems().stream().map(p -> p.substring(p.indexOf(": ") + 2)).toList());

        Profile impaired = ProfileLoader.load(write("good-network.json", VALID.replace("\"mix\"",
                "\"conversation\": {\"engines\": {\"packet\": 1}, \"network\": {\"lossPercent\": 5, \"delayMillis\": 100,"
                        + " \"seed\": 7}}, \"mix\"")), KNOWN);
        assertEquals(new io.stella.harness.livekit.packet.Impairment(5, 1, 100, 0, 7L), impaired.conversation().network());
    }

    /** Turns spoken over the agent are named from 1, never the first; unnamed fields take LiveKit-like defaults. */
    @Test
    void aBargeInNamesTurnsAfterTheFirstAndHowSoonTheAgentMustStop() throws IOException {
        Profile bargingIn = ProfileLoader.load(write("barge-in.json", VALID.replace("\"mix\"",
                "\"conversation\": {\"turns\": 4, \"bargeIn\": {\"turns\": [2, 4], \"afterMillis\": 700}}, \"mix\"")), KNOWN);

        io.stella.harness.livekit.media.BargeIn bargeIn = bargingIn.conversation().bargeIn();
        assertEquals(new io.stella.harness.livekit.media.BargeIn(List.of(2, 4), 700, 1_000), bargeIn);
        assertEquals(List.of(false, true, false, true), java.util.stream.IntStream.range(0, 4).mapToObj(bargeIn::over).toList());
        assertEquals(io.stella.harness.livekit.media.BargeIn.NONE, ProfileLoader.load(write("no-barge-in.json", VALID.replace("\"mix\"",
                "\"conversation\": {}, \"mix\"")), KNOWN).conversation().bargeIn());

        ConfigException wrong = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("bad-barge-in.json",
                VALID.replace("\"mix\"", "\"conversation\": {\"turns\": 3, \"bargeIn\": {\"turns\": [1, 4], \"stopWithinMillis\": 0}},"
                        + " \"mix\"")), KNOWN));
        assertEquals(List.of("/conversation/bargeIn/turns/0 must name a turn within 2..3 (the first turn after the greeting is 1;"
                        + " a turn is spoken over the reply to the one before) (was 1)",
                "/conversation/bargeIn/turns/1 must name a turn within 2..3 (the first turn after the greeting is 1; a turn is spoken"
                        + " over the reply to the one before) (was 4)",
                "/conversation/bargeIn/stopWithinMillis must be within 50..10000 ms (was 0)"),
                wrong.problems().stream().map(p -> p.substring(p.indexOf(": ") + 2)).toList());
    }

    /** A backchannel names the replies it is said during, from turn 1; its clip must be a WAV file. */
    @Test
    void aBackchannelNamesTheRepliesItIsSaidDuringAndAClipThatLoads() throws IOException {
        Profile backchannelling = ProfileLoader.load(write("backchannel.json", VALID.replace("\"mix\"",
                "\"conversation\": {\"turns\": 3, \"backchannel\": {\"turns\": [1, 3]}}, \"mix\"")), KNOWN);

        assertEquals(new io.stella.harness.livekit.media.Backchannel(List.of(1, 3), 700, 1_000, "voice/uh-huh.wav"),
                backchannelling.conversation().backchannel());

        ConfigException wrong = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("bad-backchannel.json",
                VALID.replace("\"mix\"", "\"conversation\": {\"turns\": 3, \"backchannel\": {\"turns\": [0], \"afterMillis\": -5,"
                        + " \"clip\": \"voice/nothing-here.wav\"}}, \"mix\"")), KNOWN));
        List<String> problems = wrong.problems().stream().map(p -> p.substring(p.indexOf(": ") + 2)).toList();
        assertEquals(List.of("/conversation/backchannel/turns/0 must name a turn within 1..3 (the caller backchannels during the"
                        + " agent's reply to it) (was 0)",
                "/conversation/backchannel/afterMillis must be within 0..60000 ms into the agent's reply (was -5)"),
                problems.subList(0, 2));
        assertTrue(problems.get(2).startsWith("/conversation/backchannel/clip "), problems.get(2));
        assertEquals(3, problems.size());
    }

    /** Changes at set seconds carry over what they leave out; seconds must rise; a cap is 0 or a sane rate. */
    @Test
    void aNetworkThatChangesDuringTheCallIsReadChangeByChange() throws IOException {
        Profile worsening = ProfileLoader.load(write("changing-network.json", VALID.replace("\"mix\"",
                "\"conversation\": {\"engines\": {\"packet\": 1}, \"network\": {\"delayMillis\": 20, \"changes\": ["
                        + "{\"atSec\": 10, \"lossPercent\": 5}, {\"atSec\": 20, \"bandwidthKbps\": 24}]}}, \"mix\"")), KNOWN);

        io.stella.harness.livekit.packet.Impairment network = worsening.conversation().network();
        assertEquals(List.of(
                new io.stella.harness.livekit.packet.Impairment.Change(10, new io.stella.harness.livekit.packet.Impairment(
                        5, 1, 20, 0, 0, null, List.of())),
                new io.stella.harness.livekit.packet.Impairment.Change(20, new io.stella.harness.livekit.packet.Impairment(
                        5, 1, 20, 0, 24, null, List.of()))), network.changes());

        ConfigException wrong = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("bad-changes.json",
                VALID.replace("\"mix\"", "\"conversation\": {\"engines\": {\"packet\": 1}, \"network\": {\"bandwidthKbps\": 2,"
                        + " \"changes\": [{\"atSec\": 10}, {\"atSec\": 5, \"lossPercent\": 70}]}}, \"mix\"")), KNOWN));
        assertEquals(List.of("/conversation/network/bandwidthKbps must be 0 (no cap) or within 8..100000 kbps (was 2)",
                "/conversation/network/changes/0/bandwidthKbps must be 0 (no cap) or within 8..100000 kbps (was 2)",
                "/conversation/network/changes/1/atSec must be a whole second after the call's start and after the change before it"
                        + " (was 5)",
                "/conversation/network/changes/1/lossPercent must be a percentage within 0..50 (was 70)",
                "/conversation/network/changes/1/bandwidthKbps must be 0 (no cap) or within 8..100000 kbps (was 2)"),
                wrong.problems().stream().map(p -> p.substring(p.indexOf(": ") + 2)).toList());
    }

    @Test
    void aThresholdOnAFigureNoEngineOfTheMixMeasuresIsRefusedBeforeAnyLoad() throws IOException {
        String packetOnly = VALID.replace("\"mix\"", "\"conversation\": {\"engines\": {\"packet\": 1}}, \"mix\"")
                .replace("\"thresholds\": {", "\"thresholds\": { \"voiceToVoice\": { \"maxMillisAtPercentile\": { \"50\": 1800 } },"
                        + " \"voiceToVoiceWire\": { \"maxMillisAtPercentile\": { \"50\": 1800 } },");
        KnownNames withVoice = new KnownNames("TestSimulation", KNOWN.scenarios(),
                Set.of("token", "createSession", "healthz", "voiceToVoice", "voiceToVoiceWire"), KNOWN.probes());
        ConfigException error = assertThrows(ConfigException.class, () -> ProfileLoader.load(write("packet-only.json", packetOnly),
                withVoice));

        List<String> problems = error.problems().stream().map(problem -> problem.substring(problem.indexOf(": ") + 2)).toList();
        assertEquals(List.of("/thresholds/voiceToVoice is measured by calls on the libwebrtc engine only, and conversation.engines"
                + " places none there ([packet])"), problems);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
