package io.stella.harness.livekit.packet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The engine one process shares among its calls. */
class PacketEngineTest {

    /** The stand-in warms its agents' engine with this before a run's first caller; it throws when the loopback connection does not come up. */
    @Test
    void warmsUpByConnectingTwoOfItsOwnConnectionsOnLoopback() {
        try (PacketEngine engine = new PacketEngine("warm-up-test")) {
            assertDoesNotThrow(engine::warmUp);
        }
    }
}
