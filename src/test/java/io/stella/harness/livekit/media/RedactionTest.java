package io.stella.harness.livekit.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A failure's reason may quote the URL a call joined with: its token never reaches a report. */
class RedactionTest {

    @Test
    void anAccessTokenInAUrlAndABareJwtAreMaskedAndTheRestIsKept() {
        String said = "Illegal character in query at index 40: ws://127.0.0.1:1/rtc?access_token=abc.def ghi&protocol=17"
                + " and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

        assertEquals("Illegal character in query at index 40: ws://127.0.0.1:1/rtc?access_token=*** ghi&protocol=17 and ***",
                Redaction.tokensOut(said));
    }
}
