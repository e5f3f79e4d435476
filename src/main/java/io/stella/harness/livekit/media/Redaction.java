package io.stella.harness.livekit.media;

import java.util.regex.Pattern;

/** Tokens out of any text that may reach a report or a console: a failure's reason can quote a URL. */
public final class Redaction {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("(access_token=)[^&\\s]*");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    public static String tokensOut(String text) {
        if (text == null) {
            return null;
        }
        return JWT.matcher(ACCESS_TOKEN.matcher(text).replaceAll("$1***")).replaceAll("***");
    }
}
