package io.stella.harness.reference;

import io.javalin.http.Context;

import java.util.Map;

/** Liveness answers while the process serves; readiness only while the database answers too. */
final class HealthRoutes {

    private final Database database;

    HealthRoutes(Database database) {
        this.database = database;
    }

    void healthz(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void readyz(Context ctx) {
        if (database.answers()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ApiErrors.send(ctx, 503, "not_ready", "the database does not answer");
        }
    }
}
