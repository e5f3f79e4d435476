package io.stella.harness.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given the harness on the class path, expect every one of its classes loadable in advance. */
class ClassPreloaderTest {

    @Test
    void loadsEveryHarnessClassAndTheLibrariesTheEndOfARunNeeds() {
        int loaded = ClassPreloader.preload();

        // well over a hundred harness classes (main), plus the four library classes
        assertTrue(loaded > 150, "loaded " + loaded);
    }
}
