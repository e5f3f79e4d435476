package io.stella.harness.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;

import java.time.Duration;

/**
 * Mints LiveKit participant tokens with the official SDK, exactly as a STELLA backend does for a
 * client joining its session's room: HS256 signed with the API secret, {@code iss} = API key,
 * {@code sub} = identity, a {@code roomJoin} grant for that one room.
 */
public final class ParticipantTokens {

    private final String apiKey;
    private final String apiSecret;
    private final Duration ttl;

    public ParticipantTokens(String apiKey, String apiSecret, Duration ttl) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.ttl = ttl;
    }

    public String mint(String identity, String roomName) {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setIdentity(identity);
        token.setName(identity);
        token.setTtl(ttl.toMillis());
        token.addGrants(new RoomJoin(true), new RoomName(roomName));
        return token.toJwt();
    }
}
