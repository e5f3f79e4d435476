package io.stella.harness.reference;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The backend's own client-credentials access tokens: HS256 JWTs signed with {@code JWT_SECRET}. */
final class AccessTokens {

    static final String ISSUER = "stella-reference";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;

    AccessTokens(String jwtSecret, Duration ttl) {
        this.algorithm = Algorithm.HMAC256(jwtSecret);
        this.verifier = JWT.require(algorithm).withIssuer(ISSUER).build();
        this.ttl = ttl;
    }

    String issue(String clientId) {
        Instant now = Instant.now();
        return JWT.create().withIssuer(ISSUER).withSubject(clientId).withIssuedAt(now)
                .withExpiresAt(now.plus(ttl)).sign(algorithm);
    }

    long ttlSec() {
        return ttl.toSeconds();
    }

    /** The client id of a valid {@code Authorization: Bearer} header, or empty. */
    Optional<String> clientOf(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(verifier.verify(authorizationHeader.substring(7).trim()).getSubject());
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }
}
