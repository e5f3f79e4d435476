package io.stella.harness.reference.livekit;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The stand-in's agent faults: exact shares, spread out, and settings that say what is wrong with them. */
class AgentFaultsTest {

    @Test
    void aShareIsExactAndSpreadOutSoThatATestKnowsHowManyCrash() {
        AgentFaults faults = new AgentFaults(25, 5_000, 700L, 20);

        assertEquals(java.util.List.of(4L, 8L, 12L), LongStream.rangeClosed(1, 12).filter(faults::crashes).boxed().toList());
        assertEquals(java.util.List.of(5L, 10L), LongStream.rangeClosed(1, 12).filter(faults::dispatchedTwice).boxed().toList());
        assertEquals(100, LongStream.rangeClosed(1, 100).filter(new AgentFaults(100, 0, null, 0)::crashes).count());
        assertEquals(0, LongStream.rangeClosed(1, 100).filter(AgentFaults.NONE::crashes).count());
    }

    @Test
    void settingsReadAsTheStandInsOthersAndNeverMeansNoRedispatch() {
        AgentFaults faults = AgentFaults.from(new Settings(Map.of(AgentFaults.CRASH_PERCENT, "30", AgentFaults.CRASH_AFTER, "2500",
                AgentFaults.REDISPATCH_AFTER, "never")));

        assertEquals(new AgentFaults(30, 2_500, null, 0), faults);
        assertEquals("30% of agents crash 2500 ms after joining, none re-dispatched", faults.describe());
        assertEquals(AgentFaults.NONE, AgentFaults.from(new Settings(Map.of())));
        assertNull(AgentFaults.NONE.describe());
    }

    @Test
    void aBadSettingIsOneLineNamingIt() {
        ConfigException redispatch = assertThrows(ConfigException.class,
                () -> AgentFaults.from(new Settings(Map.of(AgentFaults.REDISPATCH_AFTER, "soon"))));
        assertEquals(AgentFaults.REDISPATCH_AFTER + ": must be whole milliseconds within 0..600000, or never (was soon)",
                redispatch.getMessage());
        ConfigException share = assertThrows(ConfigException.class,
                () -> AgentFaults.from(new Settings(Map.of(AgentFaults.CRASH_PERCENT, "150"))));
        assertEquals(AgentFaults.CRASH_PERCENT + ": must be a whole number within 0..100 (was 150)", share.getMessage());
    }
}
