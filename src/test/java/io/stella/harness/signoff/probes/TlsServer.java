package io.stella.harness.signoff.probes;

import io.javalin.Javalin;
import io.stella.harness.config.TargetContract;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Javalin on Jetty with only a TLS connector on 127.0.0.1, serving {@code /healthz}, and the
 * self-signed certificates it is given, made with the JDK's keytool: for tests of what the harness
 * makes of a target's TLS.
 */
public final class TlsServer implements AutoCloseable {

    static final String PASSWORD = "changeit";

    private final Javalin server;
    private final ServerConnector[] connector = new ServerConnector[1];

    public TlsServer(Path keystore) {
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

    /** A self-signed certificate for 127.0.0.1, valid for {@code days}, in a PKCS12 keystore in {@code dir}. */
    public static Path selfSignedCertificate(Path dir, String name, int days) throws Exception {
        Path keystore = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", Integer.toString(days),
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
        return keystore;
    }

    /** A TLS context that trusts exactly the certificate in {@code keystore}. */
    public static SSLContext trusting(Path keystore) throws Exception {
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

    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + connector[0].getLocalPort());
    }

    ProbeTarget target(SSLContext trust) {
        return new ProbeTarget(baseUrl(), TargetContract.V1, "c", "s", null, List.of(), Duration.ofSeconds(5), trust);
    }

    @Override
    public void close() {
        server.stop();
    }
}
