package io.stella.harness.results;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -DSTELLA_CLIENT_SECRET=hunter2                          | -DSTELLA_CLIENT_SECRET=***
            -DLIVEKIT_API_SECRET=abc                                | -DLIVEKIT_API_SECRET=***
            -DJWT_SECRET=abc                                        | -DJWT_SECRET=***
            -Dauth.token=abc                                        | -Dauth.token=***
            -DDATABASE_URL=postgresql://stella:pw@db:5432/stella    | -DDATABASE_URL=postgresql://***@db:5432/stella
            -Dprofile=smoke                                         | -Dprofile=smoke
            -Xmx1G                                                  | -Xmx1G
            """)
    void credentialsInJvmFlagsAreMasked(String flag, String expected) {
        assertEquals(expected, Secrets.maskFlag(flag));
    }
}
