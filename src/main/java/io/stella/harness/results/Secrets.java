package io.stella.harness.results;

import java.util.List;
import java.util.regex.Pattern;

/** Masks credentials in anything the harness writes about its own invocation (JVM flags, URLs). */
public final class Secrets {

    private static final Pattern SECRET_FLAG =
            Pattern.compile("^(-D[^=]*(?i:secret|password|token|credential|api_key|apikey)[^=]*=).*$");
    private static final Pattern URL_USER_INFO = Pattern.compile("(://)[^/@\\s]+@");

    private Secrets() {
    }

    public static String maskFlag(String flag) {
        String masked = SECRET_FLAG.matcher(flag).replaceFirst("$1***");
        return URL_USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    public static List<String> maskFlags(List<String> flags) {
        return flags.stream().map(Secrets::maskFlag).toList();
    }
}
