package io.stella.harness.reference.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.VideoGrant;
import io.stella.harness.config.Settings;
import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceTarget;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A reference target with known LiveKit keys, and tokens minted with the official SDK. */
final class StandInFixture implements AutoCloseable {

    static final String API_KEY = "APItest";
    static final String API_SECRET = "stand-in-test-secret-of-enough-length";

    final ReferenceTarget target;

    StandInFixture(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("LIVEKIT_API_KEY", API_KEY, "LIVEKIT_API_SECRET", API_SECRET,
                "STELLA_CLIENT_SECRET", "fixture-secret"));
        settings.putAll(extra);
        target = ReferenceTarget.start(ReferenceSettings.from(new Settings(settings)));
    }

    String httpUrl() {
        return target.baseUrl().toString();
    }

    String wsUrl() {
        return target.livekitUrl();
    }

    /** A Twirp call by hand, in JSON, with the token as Bearer (or none). */
    HttpResponse<String> twirp(String serviceAndMethod, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(httpUrl() + "/twirp/" + serviceAndMethod))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String identity, VideoGrant... grants) {
        return token(API_KEY, API_SECRET, identity, grants);
    }

    static String token(String apiKey, String apiSecret, String identity, VideoGrant... grants) {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        if (identity != null) {
            token.setIdentity(identity);
        }
        token.addGrants(grants);
        return token.toJwt();
    }

    @Override
    public void close() {
        target.close();
    }
}
