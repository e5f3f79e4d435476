package io.stella.harness.reference;

import java.net.URI;

/** The reference target a run starts when no target is given: in the harness's process, or in one of its own. */
public interface EmbeddedTarget extends AutoCloseable {

    URI baseUrl();

    /** Where clients are told to reach LiveKit. */
    String livekitUrl();

    ReferenceSettings settings();

    @Override
    void close();
}
