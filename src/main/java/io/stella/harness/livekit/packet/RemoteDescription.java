package io.stella.harness.livekit.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a packet endpoint needs from the other side's session description (RFC 8866, JSEP): its ICE
 * credentials and candidates, its DTLS fingerprint and role, and per media section the mid, the kind,
 * Opus's payload type and the audio-level extension's id. Anything else in it is left alone.
 */
public record RemoteDescription(String iceUfrag, String icePwd, boolean iceLite, String fingerprint, String setup,
                                List<String> candidates, List<Section> sections) {

    private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
    private static final Pattern OPUS = Pattern.compile("^a=rtpmap:(\\d+) (?i:opus)/48000.*$");
    private static final Pattern EXTMAP = Pattern.compile("^a=extmap:(\\d+)(?:/\\S+)? (\\S+).*$");
    static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    /** One m= section: {@code opusPayloadType} -1 when it has no Opus, {@code audioLevelId} 0 when it offers no level. */
    public record Section(String kind, String mid, String protocol, String formats, int opusPayloadType, int audioLevelId,
                          String direction) {
        public boolean isOpusAudio() {
            return kind.equals("audio") && opusPayloadType >= 0;
        }
    }

    /** Reads a description; an {@link IllegalArgumentException} says what a usable one lacks. */
    public static RemoteDescription parse(String sdp) {
        String ufrag = null;
        String pwd = null;
        String fingerprint = null;
        String setup = null;
        boolean lite = false;
        List<String> candidates = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        SectionBuilder current = null;
        for (String line : LINE_BREAK.split(sdp)) {
            if (line.startsWith("m=")) {
                if (current != null) {
                    sections.add(current.build());
                }
                current = new SectionBuilder(line.substring(2));
            } else if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line.substring("a=ice-ufrag:".length()).trim();
            } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
                pwd = line.substring("a=ice-pwd:".length()).trim();
            } else if (line.startsWith("a=fingerprint:") && fingerprint == null) {
                fingerprint = sha256Fingerprint(line);
            } else if (line.startsWith("a=setup:") && setup == null) {
                setup = line.substring("a=setup:".length()).trim().toLowerCase(Locale.ROOT);
            } else if (line.equals("a=ice-lite")) {
                lite = true;
            } else if (line.startsWith("a=candidate:")) {
                candidates.add(line.substring(2).trim());
            } else if (current != null) {
                current.attribute(line);
            }
        }
        if (current != null) {
            sections.add(current.build());
        }
        if (ufrag == null || pwd == null) {
            throw new IllegalArgumentException("a session description without ICE credentials (a=ice-ufrag, a=ice-pwd)");
        }
        if (fingerprint == null) {
            throw new IllegalArgumentException("a session description without a sha-256 DTLS fingerprint");
        }
        return new RemoteDescription(ufrag, pwd, lite, fingerprint, setup == null ? "actpass" : setup,
                List.copyOf(candidates), List.copyOf(sections));
    }

    /** The first audio section that carries Opus. */
    public Optional<Section> opusAudio() {
        return sections.stream().filter(Section::isOpusAudio).findFirst();
    }

    private static String sha256Fingerprint(String line) {
        String[] parts = line.substring("a=fingerprint:".length()).trim().split("\\s+");
        return parts.length == 2 && parts[0].equalsIgnoreCase("sha-256") ? parts[1] : null;
    }

    private static final class SectionBuilder {
        private final String kind;
        private final String protocol;
        private final String formats;
        private String mid = "";
        private int opusPayloadType = -1;
        private int audioLevelId;
        private String direction = "sendrecv";

        SectionBuilder(String mediaLine) {
            String[] parts = mediaLine.split(" ", 4);
            kind = parts[0];
            protocol = parts.length > 2 ? parts[2] : "";
            formats = parts.length > 3 ? parts[3] : "";
        }

        void attribute(String line) {
            Matcher opus = OPUS.matcher(line);
            Matcher extmap = EXTMAP.matcher(line);
            if (line.startsWith("a=mid:")) {
                mid = line.substring("a=mid:".length()).trim();
            } else if (opus.matches() && opusPayloadType < 0) {
                opusPayloadType = Integer.parseInt(opus.group(1));
            } else if (extmap.matches() && extmap.group(2).equals(AUDIO_LEVEL_URI)) {
                audioLevelId = Integer.parseInt(extmap.group(1));
            } else if (line.equals("a=sendrecv") || line.equals("a=sendonly") || line.equals("a=recvonly")
                    || line.equals("a=inactive")) {
                direction = line.substring(2);
            }
        }

        Section build() {
            return new Section(kind, mid, protocol, formats, opusPayloadType, audioLevelId, direction);
        }
    }
}
