package io.stella.harness.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomCreate;
import io.livekit.server.RoomList;

import java.time.Duration;

/**
 * Server tokens the harness mints for itself with the official SDK, to drive LiveKit's RoomService
 * as a backend does: {@code roomCreate} (create and delete) and {@code roomList}, short-lived.
 */
public final class ServerTokens {

    private final String apiKey;
    private final String apiSecret;
    private final Duration ttl;

    public ServerTokens(String apiKey, String apiSecret, Duration ttl) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.ttl = ttl;
    }

    public String roomAdministration() {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setTtl(ttl.toMillis());
        token.addGrants(new RoomCreate(true), new RoomList(true));
        return token.toJwt();
    }
}
