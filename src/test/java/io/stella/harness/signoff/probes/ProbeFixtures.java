package io.stella.harness.signoff.probes;

import io.stella.harness.config.TargetContract;
import io.stella.harness.config.LivekitTarget;
import io.stella.harness.config.Settings;
import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceTarget;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Reference targets for probe specs, with some production feature switched off or not. */
final class ProbeFixtures {

    static final String TRUSTED_ORIGIN = "https://app.probe.example";

    private ProbeFixtures() {
    }

    static ReferenceTarget reference(Map<String, String> switches) {
        Map<String, String> settings = new HashMap<>(switches);
        settings.put("STELLA_CLIENT_SECRET", "probe-secret");
        settings.put("CORS_ORIGINS", TRUSTED_ORIGIN);
        return ReferenceTarget.start(ReferenceSettings.from(new Settings(settings)));
    }

    static ProbeTarget targetOf(ReferenceTarget reference) {
        var livekit = reference.settings().livekit();
        return new ProbeTarget(reference.baseUrl(), TargetContract.V1, reference.settings().clientId(),
                reference.settings().clientSecret(),
                new LivekitTarget(reference.livekitUrl(), livekit.apiKey(), livekit.apiSecret()),
                reference.settings().corsOrigins(), Duration.ofSeconds(5), null);
    }
}
