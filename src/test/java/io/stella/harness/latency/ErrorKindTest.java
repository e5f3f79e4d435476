package io.stella.harness.latency;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every message here is one Gatling 3.15 wrote in this project's runs (the broken-answer and killed-target tests). */
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
            jsonPath($.id).find.exists, found nothing                                        | BAD_ANSWER
            jsonPath($.items).find.exists preparation crashed: Jackson failed to parse into a valid AST: c.f.j.c.JsonParseException: Unrecognized token 'tru' | BAD_ANSWER
            header(Content-Type).find.transformOption.is(application/json), found text/html  | BAD_ANSWER
            bodyLength.find.lessThanOrEqual(1048576), failed                                 | BAD_ANSWER
            i.g.h.c.i.PrematureCloseException: Premature close                               | CONNECTION
            Request timeout to 127.0.0.1/127.0.0.1:38827 after 2000 ms                       | TIMEOUT
            j.n.UnknownHostException: stella-vanishing.example                               | CONNECTION
            ''                                                                               | OTHER
            """)
    void eachGatlingFailureMessageHasAKind(String message, ErrorKind expected) {
        assertEquals(expected, ErrorKind.of(message));
    }

    /** Live, before Gatling's messages can be read: the status, whether a check failed, and whether the timeout was taken. */
    @ParameterizedTest(name = "status {0}, failed {1}, took the timeout {2} -> {3}")
    @CsvSource(textBlock = """
            503,  true,  false, HTTP_5XX
            429,  true,  false, HTTP_4XX
            404,  false, false, HTTP_4XX
            200,  true,  false, BAD_ANSWER
               ,  true,  true,  TIMEOUT
               ,  true,  false, OTHER
            200,  false, false,
               ,  false, false,
            """)
    void aLiveAnswerHasAKindFromItsStatusItsChecksAndItsTime(Integer status, boolean failed, boolean tookTheTimeout,
                                                             ErrorKind expected) {
        assertEquals(expected, ErrorKind.ofLiveAnswer(status, failed, tookTheTimeout));
    }
}
