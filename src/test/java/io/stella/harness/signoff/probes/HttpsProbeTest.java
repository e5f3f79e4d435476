package io.stella.harness.signoff.probes;

import io.javalin.Javalin;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS against a real TLS server on loopback, with certificates made by the JDK's keytool. */
class HttpsProbeTest {

    static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void plainHttpOnLoopbackIsNotRunNotFailed() {
        ProbeTarget target = new ProbeTarget(URI.create("http://127.0.0.1:1"), ContractPaths.V1, "c", "s", null, List.of(),
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

    /** A self-signed certificate for 127.0.0.1, valid for {@code days}, made with keytool. */
    private Path certificate(String name, int days) throws Exception {
        Path keystore = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", Integer.toString(days),
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        return keystore;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Javalin on Jetty with only a TLS connector on 127.0.0.1. */
    static final class TlsServer implements AutoCloseable {
        private final Javalin server;
        private final ServerConnector[] connector = new ServerConnector[1];

        TlsServer(Path keystore) {
            server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.addConnector((jetty, http) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStorePath(keystore.toString());
                    ssl.setKeyStorePassword(PASSWORD);
                    ssl.setKeyStoreType("PKCS12");
                    connector[0] = new ServerConnector(jetty, ssl);
                    connector[0].setHost("127.0.0.1");
                    connector[0].setPort(0);
                    return connector[0];
                });
                config.routes.get("/healthz", ctx -> ctx.result("ok"));
            }).start("127.0.0.1", 0);
        }

        ProbeTarget target(SSLContext trust) {
            return new ProbeTarget(URI.create("https://127.0.0.1:" + connector[0].getLocalPort()), ContractPaths.V1, "c", "s",
                    null, List.of(), Duration.ofSeconds(5), trust);
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
