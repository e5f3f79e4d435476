package io.stella.harness.config;

import java.util.regex.Pattern;

/**
 * Whether a URL's host is this machine, read from the text alone: {@code localhost}, an IPv4 address
 * in 127.0.0.0/8, or the IPv6 {@code ::1}. No name is ever looked up: a name that a hosts file or a
 * DNS server maps to 127.0.0.1 is still a name someone else may map elsewhere, so it is not loopback.
 */
public final class LoopbackHosts {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private LoopbackHosts() {
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        var match = IPV4_LOOPBACK.matcher(bare);
        if (!match.matches()) {
            return false;
        }
        for (int group = 1; group <= 3; group++) {
            if (Integer.parseInt(match.group(group)) > 255) {
                return false;
            }
        }
        return true;
    }
}
