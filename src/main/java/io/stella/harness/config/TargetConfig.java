package io.stella.harness.config;

import java.net.URI;

/**
 * The system under test. {@code embedded} is true when no {@code STELLA_BASE_URL} was given and
 * the run started its own reference target. {@code livekit} is null for an external target whose
 * LiveKit settings were not given. Credentials stay out of {@link #toString()}.
 */
public record TargetConfig(URI baseUrl, boolean embedded, String clientId, String clientSecret, TargetContract contract,
                           LivekitTarget livekit) {

    /** Where each call lives: the contract's paths. */
    public ContractPaths paths() {
        return contract.paths();
    }

    /** The base URL without a trailing slash, as Gatling's {@code baseUrl} wants it. */
    public String baseUrlText() {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public String toString() {
        return "TargetConfig[baseUrl=" + baseUrl + ", embedded=" + embedded + ", clientId=" + clientId
                + ", clientSecret=***, paths=" + contract.paths() + ", livekit=" + livekit + "]";
    }
}
