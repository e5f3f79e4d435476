package io.stella.harness.reference.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.util.Map;

/**
 * Checks a LiveKit access token as LiveKit's server does ({@code pkg/service/auth.go} and
 * {@code protocol/auth}): HS256 only, {@code iss} a known API key, signed with that key's secret,
 * {@code exp} required, {@code nbf} honoured, one minute of clock leeway. Rejections carry LiveKit's
 * messages, except that the token itself is never echoed (the real server does; a load harness must
 * not put credentials in logs).
 */
public final class LivekitTokenVerifier {

    static final long LEEWAY_SEC = 60;

    /** The outcome: grants, or the plain-text message of a 401. */
    public record Verification(LivekitGrants grants, String rejection) {
        public boolean accepted() {
            return grants != null;
        }
    }

    private final Map<String, String> secretsByApiKey;
    private final boolean verifies;

    /** {@code verifies} false takes any token's claims unchecked: the flaw the LiveKit-token probe must catch. */
    public LivekitTokenVerifier(Map<String, String> secretsByApiKey, boolean verifies) {
        this.secretsByApiKey = Map.copyOf(secretsByApiKey);
        this.verifies = verifies;
    }

    public Verification verify(String token) {
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        } catch (JWTDecodeException e) {
            return rejected("invalid authorization token");
        }
        if (!verifies) {
            return new Verification(LivekitGrants.from(decoded.getSubject(), decoded.getClaim("name").asString(),
                    decoded.getClaim("video").asMap()), null);
        }
        if (!"HS256".equals(decoded.getAlgorithm())) {
            return rejected("invalid authorization token: unsupported algorithm " + decoded.getAlgorithm());
        }
        String apiKey = decoded.getIssuer();
        String secret = apiKey == null ? null : secretsByApiKey.get(apiKey);
        if (secret == null) {
            return rejected("invalid API key: " + (apiKey == null ? "" : apiKey));
        }
        if (decoded.getExpiresAt() == null) {
            return rejected("invalid authorization token: exp claim is required");
        }
        try {
            DecodedJWT verified = JWT.require(Algorithm.HMAC256(secret)).withIssuer(apiKey).acceptLeeway(LEEWAY_SEC)
                    .build().verify(decoded);
            return new Verification(LivekitGrants.from(verified.getSubject(), verified.getClaim("name").asString(),
                    verified.getClaim("video").asMap()), null);
        } catch (TokenExpiredException e) {
            return rejected("invalid authorization token: token is expired");
        } catch (IncorrectClaimException e) {
            return rejected("invalid authorization token: token is not valid yet (" + e.getClaimName() + ")");
        } catch (SignatureVerificationException | AlgorithmMismatchException e) {
            return rejected("invalid authorization token: signature is invalid");
        } catch (JWTVerificationException e) {
            return rejected("invalid authorization token: " + e.getClass().getSimpleName());
        }
    }

    private static Verification rejected(String message) {
        return new Verification(null, message);
    }
}
