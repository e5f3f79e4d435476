package io.stella.harness.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What `mvn gatling:test -Dgatling.simulationClass=...` says before Gatling starts. */
class SimulationClassCheckTest {

    static final Path TEST_CLASSES = Path.of("target", "test-classes");
    static final ClassLoader LOADER = SimulationClassCheckTest.class.getClassLoader();

    @Test
    void aSimulationThatExistsPassesSilently() throws Exception {
        assertEquals(Optional.empty(), SimulationClassCheck.problem("io.stella.harness.simulations.VoiceSessionSimulation",
                TEST_CLASSES, LOADER));
    }

    @Test
    void aMisspeltOneGetsOneLineWithTheClosestAndEverySimulation() throws Exception {
        String problem = SimulationClassCheck.problem("io.stella.harness.simulations.BackendApiSimulaton", TEST_CLASSES, LOADER)
                .orElseThrow();

        assertEquals("-Dgatling.simulationClass=io.stella.harness.simulations.BackendApiSimulaton: no such simulation"
                + " (did you mean io.stella.harness.simulations.BackendApiSimulation?); simulations here: "
                + "io.stella.harness.simulations.BackendApiSimulation, io.stella.harness.simulations.InjectorThroughputSimulation, "
                + "io.stella.harness.simulations.LiveKitTokenSimulation, io.stella.harness.simulations.VoiceConversationSimulation, "
                + "io.stella.harness.simulations.VoiceSessionSimulation",
                problem);
    }

    @Test
    void aSimpleNameIsPointedToItsPackage() throws Exception {
        assertTrue(SimulationClassCheck.problem("LiveKitTokenSimulation", TEST_CLASSES, LOADER).orElseThrow()
                .contains("(did you mean io.stella.harness.simulations.LiveKitTokenSimulation?)"));
    }

    @Test
    void aClassThatIsNoSimulationIsNoneEither() throws Exception {
        assertTrue(SimulationClassCheck.problem("io.stella.harness.run.SimulationClassCheckTest", TEST_CLASSES, LOADER).isPresent());
        assertTrue(SimulationClassCheck.problem("io.stella.harness.api.StellaSimulation", TEST_CLASSES, LOADER).isPresent(),
                "the abstract base is not runnable");
    }
}
