package io.stella.harness.simulations;

import io.stella.harness.api.SimulationNames;
import io.stella.harness.config.ConfigException;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.config.Threshold;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every profile in simulations/ is valid for the simulation it is written for. */
class ShippedProfilesTest {

    /** A built-in simulation as the harness validates profiles for it, without starting one. */
    record BuiltIn(Class<?> simulation, SimulationNames names, String defaultProfile) {
        KnownNames known() {
            return names.forSimulation(simulation.getSimpleName());
        }
    }

    static final List<BuiltIn> BUILT_IN = List.of(
            new BuiltIn(BackendApiSimulation.class, BackendApiSimulation.NAMES, BackendApiSimulation.DEFAULT_PROFILE),
            new BuiltIn(VoiceSessionSimulation.class, VoiceSessionSimulation.NAMES, VoiceSessionSimulation.DEFAULT_PROFILE),
            new BuiltIn(LiveKitTokenSimulation.class, LiveKitTokenSimulation.NAMES, LiveKitTokenSimulation.DEFAULT_PROFILE),
            new BuiltIn(InjectorThroughputSimulation.class, InjectorThroughputSimulation.NAMES,
                    InjectorThroughputSimulation.DEFAULT_PROFILE),
            new BuiltIn(VoiceConversationSimulation.class, VoiceConversationSimulation.NAMES,
                    VoiceConversationSimulation.DEFAULT_PROFILE));

    static final List<KnownNames> SIMULATIONS = BUILT_IN.stream().map(BuiltIn::known).toList();

    @Test
    void eachSimulationRunsItsOwnDefaultProfile() {
        for (BuiltIn builtIn : BUILT_IN) {
            var profile = ProfileLoader.load(ProfileLoader.resolve(builtIn.defaultProfile()), builtIn.known());
            assertEquals(builtIn.defaultProfile(), profile.name(), builtIn.simulation().getSimpleName());
        }
    }

    @Test
    void eachShippedProfileLoadsForOneSimulation() throws Exception {
        List<Path> profiles;
        try (Stream<Path> files = Files.list(ProfileLoader.PROFILES_DIR)) {
            profiles = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(profiles.isEmpty());
        for (Path profile : profiles) {
            List<String> problems = new ArrayList<>();
            boolean loads = SIMULATIONS.stream().anyMatch(known -> {
                try {
                    ProfileLoader.load(profile, known);
                    return true;
                } catch (ConfigException e) {
                    problems.add(known.simulation() + ": " + e.getMessage());
                    return false;
                }
            });
            assertTrue(loads, profile + " is valid for no simulation:\n" + String.join("\n", problems));
        }
    }

    @Test
    void soakTakesTheSharedBackendTargetsAndTightensTheErrorRate() {
        var thresholds = ProfileLoader.load(ProfileLoader.PROFILES_DIR.resolve("soak.json"), BUILT_IN.get(0).known())
                .thresholds();

        assertEquals(List.of(new Threshold.PercentileLimit("all", 50, 50), new Threshold.PercentileLimit("all", 95, 150),
                new Threshold.PercentileLimit("all", 99, 300), new Threshold.PercentileLimit("all", 99.9, 1000),
                new Threshold.ErrorRateLimit("all", 0.1)), thresholds);
    }

    @Test
    void eachSimulationsDefaultProfileIsShipped() {
        for (String name : List.of("smoke", "voice", "livekit-tokens", "capacity", "prelaunch", "load", "stress", "soak", "spike", "voice-capacity",
                "voice-media")) {
            assertTrue(Files.isRegularFile(ProfileLoader.PROFILES_DIR.resolve(name + ".json")), name);
        }
    }
}
