package io.stella.harness.simulations;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.KnownNames;
import io.stella.harness.config.ProfileLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every profile in simulations/ is valid for the simulation it is written for. */
class ShippedProfilesTest {

    static final List<KnownNames> SIMULATIONS = List.of(BackendApiSimulation.KNOWN_NAMES,
            VoiceSessionSimulation.KNOWN_NAMES, LiveKitTokenSimulation.KNOWN_NAMES);

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
    void eachSimulationsDefaultProfileIsShipped() {
        for (String name : List.of("smoke", "voice", "livekit-tokens", "capacity", "prelaunch", "load", "stress", "soak", "spike")) {
            assertTrue(Files.isRegularFile(ProfileLoader.PROFILES_DIR.resolve(name + ".json")), name);
        }
    }
}
