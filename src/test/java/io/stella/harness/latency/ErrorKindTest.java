package io.stella.harness.latency;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            status.find.is(201), found 503                                                   | HTTP_5XX
            status.find.is(200), found 429                                                   | HTTP_4XX
            status.find.in(200,304), but actually found 404                                  | HTTP_4XX
            Request timeout to 127.0.0.1/127.0.0.1:8080 after 10000 ms                       | TIMEOUT
            i.n.c.AbstractChannel$AnnotatedConnectException: Connection refused: /127.0.0.1:9 | CONNECTION
            j.i.IOException: Premature close                                                  | CONNECTION
            i.n.c.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer | CONNECTION
            jsonPath($.id).find.exists, found nothing                                        | OTHER
            ''                                                                               | OTHER
            """)
    void eachGatlingFailureMessageHasAKind(String message, ErrorKind expected) {
        assertEquals(expected, ErrorKind.of(message));
    }
}
