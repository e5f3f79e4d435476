package io.stella.harness.signoff.probes;

import io.stella.harness.config.TargetContract;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS against a real TLS server on loopback, with certificates made by the JDK's keytool. */
class HttpsProbeTest {

    @TempDir
    Path dir;

    @Test
    void plainHttpOnLoopbackIsNotRunNotFailed() {
        ProbeTarget target = new ProbeTarget(URI.create("http://127.0.0.1:1"), TargetContract.V1, "c", "s", null, List.of(),
                Duration.ofSeconds(2), null);

        List<ItemResult> results = Probes.run(target, Set.of("https"));

        assertEquals(List.of(ItemStatus.NOT_RUN, ItemStatus.NOT_RUN), results.stream().map(ItemResult::status).toList());
    }

    @Test
    void aTrustedCertificateWithAYearLeftPasses() throws Exception {
        Path keystore = certificate("year", 365);
        try (TlsServer server = new TlsServer(keystore)) {
            List<ItemResult> results = Probes.run(server.target(trusting(keystore)), Set.of("https"));

            assertEquals(ItemStatus.PASS, status(results, ChecklistItem.HTTPS_ENABLED));
            assertEquals(ItemStatus.PASS, status(results, ChecklistItem.CERTIFICATES_VALID));
        }
    }

    @Test
    void aCertificateExpiringInTenDaysFails() throws Exception {
        Path keystore = certificate("soon", 10);
        try (TlsServer server = new TlsServer(keystore)) {
            List<ItemResult> results = Probes.run(server.target(trusting(keystore)), Set.of("https"));

            assertEquals(ItemStatus.PASS, status(results, ChecklistItem.HTTPS_ENABLED));
            ItemResult certificate = results.stream().filter(r -> r.item() == ChecklistItem.CERTIFICATES_VALID).findFirst().orElseThrow();
            assertEquals(ItemStatus.FAIL, certificate.status());
            assertTrue(certificate.reason().startsWith("the certificate expires in "), certificate.reason());
        }
    }

    @Test
    void anUntrustedCertificateFails() throws Exception {
        Path keystore = certificate("selfsigned", 365);
        try (TlsServer server = new TlsServer(keystore)) {
            List<ItemResult> results = Probes.run(server.target(null), Set.of("https"));

            assertEquals(ItemStatus.FAIL, status(results, ChecklistItem.CERTIFICATES_VALID));
        }
    }

    private static ItemStatus status(List<ItemResult> results, ChecklistItem item) {
        return results.stream().filter(r -> r.item() == item).findFirst().orElseThrow().status();
    }

    private Path certificate(String name, int days) throws Exception {
        return TlsServer.selfSignedCertificate(dir, name, days);
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        return TlsServer.trusting(keystore);
    }
}
