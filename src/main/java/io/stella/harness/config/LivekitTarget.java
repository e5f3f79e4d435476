package io.stella.harness.config;

/**
 * The LiveKit a target uses, for the calls the harness makes itself (server tokens for RoomService).
 * {@code url} is the ws(s) address clients are given; the secret stays out of {@link #toString()}.
 */
public record LivekitTarget(String url, String apiKey, String apiSecret) {

    /** The address of LiveKit's HTTP API (Twirp), from its ws(s) address. */
    public String httpUrl() {
        return httpUrlOf(url);
    }

    /** ws://host -> http://host, wss://host -> https://host: LiveKit serves both on one address. */
    public static String httpUrlOf(String wsUrl) {
        return wsUrl.replaceFirst("^ws://", "http://").replaceFirst("^wss://", "https://");
    }

    @Override
    public String toString() {
        return "LivekitTarget[url=" + url + ", apiKey=" + apiKey + ", apiSecret=***]";
    }
}
