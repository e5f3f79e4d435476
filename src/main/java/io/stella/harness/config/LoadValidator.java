package io.stella.harness.config;

/**
 * Validates a profile's {@code load}: a steady shape ({@code ratePerSec}, {@code steadySec}) or the
 * stairs of a capacity search ({@code stairs}), never both, after an optional warm-up.
 */
final class LoadValidator {

    static final int MAX_RUN_SEC = 24 * 3600;

    private LoadValidator() {
    }

    static LoadShape validate(ProfileDocument.LoadDocument load, ConfigProblems problems) {
        if (load == null) {
            problems.add("/load", "is required: {\"ratePerSec\": ..., \"steadySec\": ...} or {\"stairs\": {...}}");
            return null;
        }
        int warmUpSec = orZero(load.warmUpSec());
        problems.require(warmUpSec >= 0, "/load/warmUpSec", "must be >= 0 (was " + warmUpSec + ")");
        if (load.stairs() != null) {
            return stairs(load, warmUpSec, problems);
        }
        problems.require(load.degradation() == null, "/load/degradation",
                "needs stairs: the overload is set relative to the knee a capacity search finds");
        int rampUpSec = orZero(load.rampUpSec());
        problems.require(load.ratePerSec() != null, "/load/ratePerSec", "is required (new journeys per second)");
        problems.require(load.steadySec() != null, "/load/steadySec", "is required (seconds at ratePerSec)");
        double ratePerSec = load.ratePerSec() == null ? 1 : load.ratePerSec();
        int steadySec = load.steadySec() == null ? 1 : load.steadySec();
        double warmUpRatePerSec = load.warmUpRatePerSec() == null ? ratePerSec : load.warmUpRatePerSec();
        problems.require(ratePerSec > 0, "/load/ratePerSec", "must be > 0 (was " + Numbers.plain(ratePerSec) + ")");
        problems.require(steadySec > 0, "/load/steadySec", "must be > 0 (was " + steadySec + ")");
        problems.require(rampUpSec >= 0, "/load/rampUpSec", "must be >= 0 (was " + rampUpSec + ")");
        problems.require(warmUpRatePerSec > 0, "/load/warmUpRatePerSec",
                "must be > 0 (was " + Numbers.plain(warmUpRatePerSec) + ")");
        Spike spike = spike(load.spike(), steadySec, problems);
        return lastingAtMostADay(new LoadShape(warmUpSec, warmUpRatePerSec, rampUpSec, ratePerSec, steadySec, null, spike),
                problems);
    }

    private static Spike spike(ProfileDocument.SpikeDocument doc, int steadySec, ConfigProblems problems) {
        if (doc == null) {
            return null;
        }
        problems.require(doc.factor() != null && doc.factor() > 1, "/load/spike/factor",
                "must be > 1: how many times the steady rate the spike brings (was " + doc.factor() + ")");
        problems.require(doc.atSec() != null && doc.atSec() >= 0, "/load/spike/atSec",
                "must be >= 0: seconds into the steady phase (was " + doc.atSec() + ")");
        problems.require(doc.holdSec() != null && doc.holdSec() >= 1, "/load/spike/holdSec", "must be >= 1 (was " + doc.holdSec() + ")");
        Spike spike = new Spike(doc.factor() == null ? 2 : doc.factor(), doc.atSec() == null ? 0 : doc.atSec(),
                doc.holdSec() == null ? 1 : doc.holdSec());
        problems.require(spike.atSec() + spike.holdSec() <= steadySec, "/load/spike",
                "must end within the steady phase (" + spike.atSec() + " + " + spike.holdSec() + " s > steadySec " + steadySec + ")");
        return spike;
    }

    private static LoadShape stairs(ProfileDocument.LoadDocument load, int warmUpSec, ConfigProblems problems) {
        problems.require(load.ratePerSec() == null && load.steadySec() == null && load.rampUpSec() == null
                && load.spike() == null, "/load", "has both stairs and a steady shape: a capacity search uses stairs alone");
        ProfileDocument.StairsDocument doc = load.stairs();
        problems.require(doc.startRatePerSec() != null, "/load/stairs/startRatePerSec", "is required (the first step's rate)");
        problems.require(doc.stepRatePerSec() != null, "/load/stairs/stepRatePerSec", "is required (how much each step adds)");
        problems.require(doc.steps() != null, "/load/stairs/steps", "is required (how many steps)");
        problems.require(doc.holdSec() != null, "/load/stairs/holdSec", "is required (seconds each step is held and judged)");
        Stairs stairs = new Stairs(doc.startRatePerSec() == null ? 1 : doc.startRatePerSec(),
                doc.stepRatePerSec() == null ? 1 : doc.stepRatePerSec(), doc.steps() == null ? 1 : doc.steps(),
                doc.holdSec() == null ? 1 : doc.holdSec(), orZero(doc.rampSec()));
        problems.require(stairs.startRatePerSec() > 0, "/load/stairs/startRatePerSec",
                "must be > 0 (was " + Numbers.plain(stairs.startRatePerSec()) + ")");
        problems.require(stairs.stepRatePerSec() > 0, "/load/stairs/stepRatePerSec",
                "must be > 0 (was " + Numbers.plain(stairs.stepRatePerSec()) + ")");
        problems.require(stairs.steps() >= 2 && stairs.steps() <= 100, "/load/stairs/steps",
                "must be within 2..100 (was " + stairs.steps() + ")");
        problems.require(stairs.holdSec() >= 1, "/load/stairs/holdSec", "must be >= 1 (was " + stairs.holdSec() + ")");
        problems.require(stairs.rampSec() >= 0, "/load/stairs/rampSec", "must be >= 0 (was " + stairs.rampSec() + ")");
        double warmUpRatePerSec = load.warmUpRatePerSec() == null ? stairs.startRatePerSec() : load.warmUpRatePerSec();
        problems.require(warmUpRatePerSec > 0, "/load/warmUpRatePerSec", "must be > 0 (was " + Numbers.plain(warmUpRatePerSec) + ")");
        Degradation degradation = degradation(load.degradation(), problems);
        return lastingAtMostADay(new LoadShape(warmUpSec, warmUpRatePerSec, 0, stairs.rateOfStep(stairs.steps() - 1),
                stairs.totalSec(), stairs, null, degradation), problems);
    }

    private static Degradation degradation(ProfileDocument.DegradationDocument doc, ConfigProblems problems) {
        if (doc == null) {
            return null;
        }
        Degradation d = new Degradation(or(doc.overloadFactor(), 1.5), or(doc.overloadSec(), 15), or(doc.recoveryFactor(), 0.5),
                or(doc.recoverySec(), 20), or(doc.maxRefusalP99Millis(), 100.0), or(doc.maxAcceptedP99Millis(), 1000.0),
                or(doc.maxOtherFailurePercent(), 1.0), or(doc.maxRecoverySec(), 10));
        String at = "/load/degradation/";
        problems.require(d.overloadFactor() > 1 && d.overloadFactor() <= 10, at + "overloadFactor",
                "must be within (1, 10]: times the knee during the overload (was " + Numbers.plain(d.overloadFactor()) + ")");
        problems.require(d.recoveryFactor() > 0 && d.recoveryFactor() < 1, at + "recoveryFactor",
                "must be within (0, 1): times the knee after the overload (was " + Numbers.plain(d.recoveryFactor()) + ")");
        problems.require(d.overloadSec() >= 1 && d.overloadSec() <= 600, at + "overloadSec", "must be within 1..600 (was " + d.overloadSec() + ")");
        problems.require(d.recoverySec() >= Degradation.RECOVERY_WINDOW_SEC && d.recoverySec() <= 600, at + "recoverySec",
                "must be within " + Degradation.RECOVERY_WINDOW_SEC + "..600 (was " + d.recoverySec() + ")");
        problems.require(d.maxRefusalP99Millis() > 0, at + "maxRefusalP99Millis", "must be > 0 (was " + Numbers.plain(d.maxRefusalP99Millis()) + ")");
        problems.require(d.maxAcceptedP99Millis() > 0, at + "maxAcceptedP99Millis", "must be > 0 (was " + Numbers.plain(d.maxAcceptedP99Millis()) + ")");
        problems.require(d.maxOtherFailurePercent() >= 0 && d.maxOtherFailurePercent() <= 100, at + "maxOtherFailurePercent",
                "must be within 0..100 (was " + Numbers.plain(d.maxOtherFailurePercent()) + ")");
        problems.require(d.maxRecoverySec() >= 0 && d.maxRecoverySec() <= d.recoverySec() - Degradation.RECOVERY_WINDOW_SEC,
                at + "maxRecoverySec", "must be within 0..recoverySec - " + Degradation.RECOVERY_WINDOW_SEC
                        + " so that recovery can be seen (was " + d.maxRecoverySec() + ")");
        return d;
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static LoadShape lastingAtMostADay(LoadShape shape, ConfigProblems problems) {
        problems.require(shape.totalSec() <= MAX_RUN_SEC, "/load", "lasts " + shape.totalSec() + " s; a run may last at most "
                + MAX_RUN_SEC + " s");
        return shape;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
