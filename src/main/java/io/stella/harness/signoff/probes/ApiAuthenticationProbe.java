package io.stella.harness.signoff.probes;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API refuses callers it cannot trust: no token, and a forged one (well-formed HS256 for the
 * harness's own client id, signed with a secret nobody has) must both get 401.
 */
public final class ApiAuthenticationProbe extends Probe {

    public ApiAuthenticationProbe() {
        super("apiAuthentication", ChecklistItem.API_AUTHENTICATION);
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String forged = JWT.create().withSubject(target.clientId()).withIssuedAt(Instant.now())
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256(HexFormat.of().formatHex(secret)));
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        check(http, target, null, "no token", evidence, problems);
        check(http, target, "Bearer " + forged, "forged token", evidence, problems);
        return List.of(outcome(problems, "no token and a forged token both get 401", evidence));
    }

    private static void check(ProbeHttp http, ProbeTarget target, String authorization, String what,
                              Map<String, Object> evidence, List<String> problems) throws Exception {
        var request = http.request(target.paths().sessions()).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        int status = http.send(request).statusCode();
        evidence.put("GET " + target.paths().sessions() + " with " + what, status);
        if (status != 401) {
            problems.add(what + " answered " + status + ", not 401");
        }
    }
}
