package io.stella.harness.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomCreate;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomList;
import io.livekit.server.RoomName;

import java.time.Duration;

/**
 * LiveKit access tokens minted with the official SDK (HS256 signed with the API secret, {@code iss} =
 * API key), each living {@code ttl}: a participant's, exactly as a STELLA backend mints one for a client
 * joining its session's room ({@code sub} = identity, a {@code roomJoin} grant for that one room), and the
 * server's own, to drive LiveKit's RoomService as a backend does ({@code roomCreate}, {@code roomList}).
 */
public final class LivekitTokens {

    private final String apiKey;
    private final String apiSecret;
    private final Duration ttl;

    public LivekitTokens(String apiKey, String apiSecret, Duration ttl) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.ttl = ttl;
    }

    /** A participant's token to join {@code roomName} as {@code identity}. */
    public String participant(String identity, String roomName) {
        AccessToken token = signed();
        token.setIdentity(identity);
        token.setName(identity);
        token.addGrants(new RoomJoin(true), new RoomName(roomName));
        return token.toJwt();
    }

    /** A server token to create, delete and list rooms. */
    public String roomAdministration() {
        AccessToken token = signed();
        token.addGrants(new RoomCreate(true), new RoomList(true));
        return token.toJwt();
    }

    private AccessToken signed() {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setTtl(ttl.toMillis());
        return token;
    }
}
