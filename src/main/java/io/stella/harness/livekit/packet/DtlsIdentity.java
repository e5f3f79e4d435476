package io.stella.harness.livekit.packet;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The self-signed ECDSA P-256 certificate a WebRTC endpoint shows in its DTLS handshakes, as
 * browsers make one: one per process, since a key pair costs far more than a handshake, and the
 * SHA-256 fingerprint that the session descriptions carry.
 */
public final class DtlsIdentity {

    private final BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
    private final Certificate certificate;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsIdentity(byte[] certificateDer, AsymmetricKeyParameter privateKey) throws IOException {
        this.certificate = new Certificate(new TlsCertificate[]{new BcTlsCertificate(crypto, certificateDer)});
        this.privateKey = privateKey;
        this.fingerprint = fingerprintOf(certificateDer);
    }

    /** A fresh key pair and a certificate valid from a day ago for 30 days (clocks differ; calls are short). */
    public static DtlsIdentity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=stella-harness");
            Instant now = Instant.now();
            byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
            return new DtlsIdentity(der, PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a DTLS certificate: " + e.getMessage(), e);
        }
    }

    /** {@code AB:CD:...}: SHA-256 over the DER certificate, as {@code a=fingerprint:sha-256} carries it. */
    public static String fingerprintOf(byte[] certificateDer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificateDer);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Whether two fingerprints name the same certificate (SDP writers differ in case). */
    public static boolean sameFingerprint(String a, String b) {
        return a != null && b != null && a.trim().toUpperCase(Locale.ROOT).equals(b.trim().toUpperCase(Locale.ROOT));
    }

    public BcTlsCrypto crypto() {
        return crypto;
    }

    public Certificate certificate() {
        return certificate;
    }

    public AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
