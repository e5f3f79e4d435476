package io.stella.harness.livekit.packet;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The session descriptions a packet endpoint writes: an offer that publishes one Opus track (as a
 * browser's would, attribute for attribute where it matters to LiveKit: the msid naming the track,
 * rtcp-mux, BUNDLE, the audio level), and an answer that receives every Opus section offered.
 */
public final class LocalDescriptions {

    /** Opus's payload type in our offers, as browsers and LiveKit number it. */
    public static final int OPUS_PAYLOAD_TYPE = 111;
    /** The audio-level extension's id in our offers. */
    public static final int AUDIO_LEVEL_ID = 1;
    private static final String OPUS_LINES = "a=rtpmap:%d opus/48000/2\r\na=fmtp:%d minptime=10;useinbandfec=1\r\n";

    /** Our side of ICE and DTLS: credentials, candidates (without "a="), fingerprint. */
    public record Local(String iceUfrag, String icePwd, List<String> candidates, String fingerprint) {
    }

    private LocalDescriptions() {
    }

    /** An offer that sends one Opus track: {@code a=msid:<streamId> <trackId>}, LiveKit's cid is the track id. */
    public static String publishingOffer(Local local, String streamId, String trackId, int ssrc) {
        String cname = "stella-" + Integer.toUnsignedString(ssrc, 36);
        return header() + "a=group:BUNDLE 0\r\na=msid-semantic: WMS " + streamId + "\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS_PAYLOAD_TYPE + "\r\n"
                + "c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
                + transport(local, "actpass") + "a=mid:0\r\n"
                + "a=extmap:" + AUDIO_LEVEL_ID + " " + RemoteDescription.AUDIO_LEVEL_URI + "\r\n"
                + "a=sendonly\r\na=msid:" + streamId + " " + trackId + "\r\na=rtcp-mux\r\n"
                + String.format(OPUS_LINES, OPUS_PAYLOAD_TYPE, OPUS_PAYLOAD_TYPE)
                + "a=ssrc:" + Integer.toUnsignedString(ssrc) + " cname:" + cname + "\r\n"
                + "a=ssrc:" + Integer.toUnsignedString(ssrc) + " msid:" + streamId + " " + trackId + "\r\n";
    }

    /**
     * An answer that receives the offer's Opus audio sections (their audio level kept when offered)
     * and declines every other; we are the DTLS client ({@code a=setup:active}) unless the offer
     * already took that role.
     */
    public static String receivingAnswer(RemoteDescription offer, Local local) {
        String setup = offer.setup().equals("active") ? "passive" : "active";
        List<String> accepted = offer.sections().stream().filter(RemoteDescription.Section::isOpusAudio)
                .map(RemoteDescription.Section::mid).toList();
        StringBuilder answer = new StringBuilder(header());
        if (!accepted.isEmpty()) {
            answer.append("a=group:BUNDLE ").append(String.join(" ", accepted)).append("\r\n");
        }
        for (RemoteDescription.Section section : offer.sections()) {
            if (!section.isOpusAudio()) {
                answer.append("m=").append(section.kind()).append(" 0 ").append(section.protocol()).append(' ')
                        .append(section.formats()).append("\r\nc=IN IP4 0.0.0.0\r\na=mid:").append(section.mid())
                        .append("\r\na=inactive\r\n");
                continue;
            }
            int type = section.opusPayloadType();
            answer.append("m=audio 9 ").append(section.protocol()).append(' ').append(type).append("\r\n")
                    .append("c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n").append(transport(local, setup))
                    .append("a=mid:").append(section.mid()).append("\r\n");
            if (section.audioLevelId() > 0) {
                answer.append("a=extmap:").append(section.audioLevelId()).append(' ').append(RemoteDescription.AUDIO_LEVEL_URI)
                        .append("\r\n");
            }
            answer.append(section.direction().equals("sendonly") || section.direction().equals("sendrecv") ? "a=recvonly\r\n"
                    : "a=inactive\r\n").append("a=rtcp-mux\r\n").append(String.format(OPUS_LINES, type, type));
        }
        return answer.toString();
    }

    private static String header() {
        return "v=0\r\no=- " + Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 2) + " 2 IN IP4 127.0.0.1\r\n"
                + "s=-\r\nt=0 0\r\n";
    }

    private static String transport(Local local, String setup) {
        return "a=ice-ufrag:" + local.iceUfrag() + "\r\na=ice-pwd:" + local.icePwd() + "\r\na=ice-options:trickle\r\n"
                + "a=fingerprint:sha-256 " + local.fingerprint() + "\r\na=setup:" + setup + "\r\n"
                + local.candidates().stream().map(candidate -> "a=" + candidate + "\r\n").collect(Collectors.joining());
    }
}
