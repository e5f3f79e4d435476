package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTPS: the target speaks TLS with a certificate chain the client trusts, for the host it is
 * reached by, with at least {@value #MIN_DAYS_LEFT} days before it expires. A loopback target over
 * plain http (the embedded reference target) cannot tell: TLS ends at the ingress in production.
 */
public final class HttpsProbe extends Probe {

    static final long MIN_DAYS_LEFT = 30;

    public HttpsProbe() {
        super("https", ChecklistItem.HTTPS_ENABLED);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        if (!target.https()) {
            if (target.loopback()) {
                String reason = "the target is plain http on loopback; run against the deployment's https address";
                return List.of(ItemResult.notRun(ChecklistItem.HTTPS_ENABLED, reason),
                        ItemResult.notRun(ChecklistItem.CERTIFICATES_VALID, reason));
            }
            return List.of(result(ChecklistItem.HTTPS_ENABLED, ItemStatus.FAIL, "the target is plain http", Map.of()),
                    result(ChecklistItem.CERTIFICATES_VALID, ItemStatus.FAIL, "no certificate: the target is plain http", Map.of()));
        }
        String host = target.baseUrl().getHost();
        int port = target.baseUrl().getPort() < 0 ? 443 : target.baseUrl().getPort();
        SSLContext context = target.sslContext() != null ? target.sslContext() : SSLContext.getDefault();
        Map<String, Object> evidence = new LinkedHashMap<>();
        X509Certificate leaf;
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) target.timeout().toMillis());
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            leaf = (X509Certificate) chain[0];
            evidence.put("protocol", socket.getSession().getProtocol());
            evidence.put("chainLength", chain.length);
        } catch (SSLHandshakeException e) {
            evidence.put("handshake", e.getMessage());
            return List.of(result(ChecklistItem.HTTPS_ENABLED, ItemStatus.PASS, "the target speaks TLS", evidence),
                    result(ChecklistItem.CERTIFICATES_VALID, ItemStatus.FAIL, "the certificate chain is not trusted for "
                            + host + ": " + e.getMessage(), evidence));
        }
        long daysLeft = Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays();
        evidence.put("subject", leaf.getSubjectX500Principal().getName());
        evidence.put("notAfter", leaf.getNotAfter().toInstant().toString());
        evidence.put("daysLeft", daysLeft);
        boolean valid = daysLeft >= MIN_DAYS_LEFT;
        return List.of(result(ChecklistItem.HTTPS_ENABLED, ItemStatus.PASS, "TLS with a trusted certificate chain", evidence),
                result(ChecklistItem.CERTIFICATES_VALID, valid ? ItemStatus.PASS : ItemStatus.FAIL,
                        valid ? daysLeft + " days before the certificate expires"
                                : "the certificate expires in " + daysLeft + " days (at least " + MIN_DAYS_LEFT + " wanted)",
                        evidence));
    }

    private ItemResult result(ChecklistItem item, ItemStatus status, String reason, Map<String, Object> evidence) {
        return new ItemResult(item, status, reason, evidence, "probe " + name());
    }
}
