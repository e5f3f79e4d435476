package io.stella.harness.signoff.probes;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.stella.harness.config.LivekitTarget;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LiveKit verifies token signatures: a forged token (signed with a wrong secret), an expired one
 * (past LiveKit's minute of leeway) and a token for another room (admin of room A asking about
 * room B) are each refused with 401, while a genuine join token validates.
 */
public final class LivekitTokensProbe extends Probe {

    public LivekitTokensProbe() {
        super("livekitTokens", ChecklistItem.LIVEKIT_TOKENS_VALIDATED);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        LivekitTarget livekit = target.livekit();
        if (livekit == null) {
            return List.of(ItemResult.notRun(ChecklistItem.LIVEKIT_TOKENS_VALIDATED,
                    "no LiveKit given (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)"));
        }
        ProbeHttp http = new ProbeHttp(target);
        byte[] wrongSecret = new byte[32];
        new SecureRandom().nextBytes(wrongSecret);
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        expect(http, livekit, "genuine join token", validate(livekit, join(livekit.apiKey(), livekit.apiSecret(), null)), 200,
                evidence, problems);
        expect(http, livekit, "forged token", validate(livekit, join(livekit.apiKey(), HexFormat.of().formatHex(wrongSecret), null)),
                401, evidence, problems);
        expect(http, livekit, "expired token", validate(livekit, join(livekit.apiKey(), livekit.apiSecret(),
                new Date(System.currentTimeMillis() - 600_000))), 401, evidence, problems);
        AccessToken otherRoom = new AccessToken(livekit.apiKey(), livekit.apiSecret());
        otherRoom.addGrants(new RoomAdmin(true), new RoomName("stella-harness-probe-room-a"));
        expect(http, livekit, "token for another room", http.request(URI.create(livekit.httpUrl()
                        + "/twirp/livekit.RoomService/ListParticipants")).header("Authorization", "Bearer " + otherRoom.toJwt())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"room\":\"stella-harness-probe-room-b\"}")), 401, evidence, problems);
        return List.of(outcome(problems, "forged, expired and wrong-room tokens refused; a genuine token validates", evidence));
    }

    private static String join(String apiKey, String apiSecret, Date expiresAt) {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setIdentity("stella-harness-probe");
        if (expiresAt != null) {
            token.setExpiration(expiresAt);
        }
        token.addGrants(new RoomJoin(true), new RoomName("stella-harness-probe-room-a"));
        return token.toJwt();
    }

    private static HttpRequest.Builder validate(LivekitTarget livekit, String token) {
        return HttpRequest.newBuilder(URI.create(livekit.httpUrl() + "/rtc/validate?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    private static void expect(ProbeHttp http, LivekitTarget livekit, String what, HttpRequest.Builder request, int expected,
                               Map<String, Object> evidence, List<String> problems) throws Exception {
        int status = http.send(request.header("User-Agent", ProbeHttp.USER_AGENT)).statusCode();
        evidence.put(what, status);
        if (status != expected) {
            problems.add(what + " answered " + status + ", not " + expected);
        }
    }
}
