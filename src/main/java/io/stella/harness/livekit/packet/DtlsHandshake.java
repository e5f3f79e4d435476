package io.stella.harness.livekit.packet;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Vector;

/**
 * One DTLS-SRTP handshake (RFC 5764) with Bouncy Castle, in whichever role the session descriptions
 * gave us: the client when we answered {@code a=setup:active}, the server when the other side did.
 * Either way each side shows its certificate, checked against the fingerprint its description
 * declared, and the SRTP keys come from the handshake's exporter. {@link #run} blocks until done.
 */
public final class DtlsHandshake {

    /** A handshake gives up after this long: a call's media set-up would have timed out by then anyway. */
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 15_000;

    private final DtlsIdentity identity;
    private final String remoteFingerprint;
    private final boolean client;
    private volatile SrtpKeys keys;

    /**
     * @param remoteFingerprint the {@code a=fingerprint:sha-256} the other side's description declared
     * @param client            whether we are the DTLS client (we answered {@code a=setup:active})
     */
    public DtlsHandshake(DtlsIdentity identity, String remoteFingerprint, boolean client) {
        this.identity = identity;
        this.remoteFingerprint = remoteFingerprint;
        this.client = client;
    }

    /** Runs the handshake over the channel; the transport for any later DTLS records, and the keys. */
    Result run(DtlsChannel channel) throws IOException {
        DTLSTransport transport = client
                ? new DTLSClientProtocol().connect(new Client(), channel)
                : new DTLSServerProtocol().accept(new Server(), channel);
        return new Result(transport, keys);
    }

    /** What a finished handshake leaves. */
    record Result(DTLSTransport transport, SrtpKeys keys) {
    }

    private void checkPeer(Certificate presented) throws IOException {
        if (presented == null || presented.isEmpty()
                || !DtlsIdentity.sameFingerprint(DtlsIdentity.fingerprintOf(presented.getCertificateAt(0).getEncoded()),
                remoteFingerprint)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the peer's certificate is not the one its description declared");
        }
    }

    private TlsCredentialedSigner signer(TlsContext context) {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), identity.crypto(), identity.privateKey(),
                identity.certificate(), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    private void exportKeys(TlsContext context) {
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.materialBytes());
        keys = SrtpKeys.fromMaterial(material, client);
    }

    private static boolean offersOurProfile(UseSRTPData offered) {
        return offered != null && Arrays.stream(offered.getProtectionProfiles()).anyMatch(profile -> profile == SrtpKeys.PROFILE);
    }

    private static UseSRTPData ourProfile() {
        return new UseSRTPData(new int[]{SrtpKeys.PROFILE}, TlsUtils.EMPTY_BYTES);
    }

    private final class Client extends DefaultTlsClient {
        Client() {
            super(identity.crypto());
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return HANDSHAKE_TIMEOUT_MILLIS;
        }

        @Override
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions, ourProfile());
            return extensions;
        }

        @Override
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            if (!offersOurProfile(TlsSRTPUtils.getUseSRTPExtension(serverExtensions))) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "the server chose no SRTP profile we offered");
            }
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    checkPeer(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return signer(context);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            exportKeys(context);
        }
    }

    private final class Server extends DefaultTlsServer {
        Server() {
            super(identity.crypto());
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return HANDSHAKE_TIMEOUT_MILLIS;
        }

        @Override
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            if (!offersOurProfile(TlsSRTPUtils.getUseSRTPExtension(clientExtensions))) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "the client offered no SRTP profile we take");
            }
        }

        @Override
        public Hashtable getServerExtensions() throws IOException {
            Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
            TlsSRTPUtils.addUseSRTPExtension(extensions, ourProfile());
            return extensions;
        }

        /** Our certificate is ECDSA: only the suites it can sign for (AES-GCM first, as WebRTC stacks prefer). */
        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), new int[]{CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA});
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() {
            return signer(context);
        }

        /** WebRTC authenticates both ends: the client must show the certificate its description declared. */
        @Override
        public CertificateRequest getCertificateRequest() {
            Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
            return new CertificateRequest(new short[]{ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                    algorithms, null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            checkPeer(clientCertificate);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            exportKeys(context);
        }
    }
}
