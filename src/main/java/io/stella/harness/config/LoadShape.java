package io.stella.harness.config;

/**
 * The open-model arrival schedule of a run: a warm-up kept out of every verdict, then either a ramp
 * and a steady phase (optionally with a {@code spike} inside it), or the stairs of a capacity search
 * ({@code stairs} not null), optionally followed by an overload-and-recovery phase ({@code degradation}
 * not null). Rates are new virtual users (journeys) per second, all scenarios together;
 * the profile's mix splits them.
 */
public record LoadShape(int warmUpSec, double warmUpRatePerSec, int rampUpSec, double ratePerSec, int steadySec,
                        Stairs stairs, Spike spike, Degradation degradation) {

    public LoadShape(int warmUpSec, double warmUpRatePerSec, int rampUpSec, double ratePerSec, int steadySec,
                     Stairs stairs, Spike spike) {
        this(warmUpSec, warmUpRatePerSec, rampUpSec, ratePerSec, steadySec, stairs, spike, null);
    }

    public LoadShape(int warmUpSec, double warmUpRatePerSec, int rampUpSec, double ratePerSec, int steadySec) {
        this(warmUpSec, warmUpRatePerSec, rampUpSec, ratePerSec, steadySec, null, null);
    }

    public LoadShape(int warmUpSec, double warmUpRatePerSec, int rampUpSec, double ratePerSec, int steadySec,
                     Stairs stairs) {
        this(warmUpSec, warmUpRatePerSec, rampUpSec, ratePerSec, steadySec, stairs, null);
    }

    /** The same schedule at {@code factor} times every rate; factors (spike, overload) stay as they are. */
    public LoadShape scaled(double factor) {
        return new LoadShape(warmUpSec, warmUpRatePerSec * factor, rampUpSec, ratePerSec * factor, steadySec,
                stairs == null ? null : stairs.scaled(factor), spike, degradation);
    }

    public boolean capacitySearch() {
        return stairs != null;
    }

    public int measuredSec() {
        return stairs != null ? stairs.totalSec() + (degradation == null ? 0 : degradation.totalSec()) : rampUpSec + steadySec;
    }

    /** Seconds after the run start when the degradation phase's first arrivals are due. */
    public int overloadStartSec() {
        return warmUpSec + stairs.totalSec() + Degradation.SETTLE_SEC;
    }

    public int totalSec() {
        return warmUpSec + measuredSec();
    }

    /** The highest arrival rate the schedule ever asks for: what a rate ceiling is held against. */
    public double peakRatePerSec() {
        if (stairs != null) {
            double top = stairs.rateOfStep(stairs.steps() - 1);
            return Math.max(warmUpRatePerSec, degradation == null ? top : Math.max(top, degradation.injectedRatePerSec(stairs)));
        }
        return Math.max(warmUpRatePerSec, spike == null ? ratePerSec : ratePerSec * Math.max(1, spike.factor()));
    }

    /** The planned arrival rate (all scenarios) at a moment, seconds after the run start. */
    public double plannedRateAt(double sec) {
        if (sec < warmUpSec) {
            return warmUpRatePerSec;
        }
        double t = sec - warmUpSec;
        if (stairs != null && t >= stairs.totalSec()) {
            double intoPhase = t - stairs.totalSec();
            return degradation != null && intoPhase >= Degradation.SETTLE_SEC && intoPhase < degradation.totalSec()
                    ? degradation.injectedRatePerSec(stairs) : 0;
        }
        if (stairs != null) {
            int period = stairs.holdSec() + stairs.rampSec();
            int step = (int) Math.min(stairs.steps() - 1, Math.floor(t / period));
            double intoPeriod = t - step * (double) period;
            if (intoPeriod <= stairs.holdSec() || step == stairs.steps() - 1) {
                return stairs.rateOfStep(step);
            }
            double rampShare = (intoPeriod - stairs.holdSec()) / stairs.rampSec();
            return stairs.rateOfStep(step) + rampShare * stairs.stepRatePerSec();
        }
        if (t < rampUpSec) {
            return warmUpRatePerSec + (ratePerSec - warmUpRatePerSec) * t / rampUpSec;
        }
        double intoSteady = t - rampUpSec;
        if (spike != null && intoSteady >= spike.atSec() && intoSteady < spike.atSec() + spike.holdSec()) {
            return ratePerSec * spike.factor();
        }
        return t <= rampUpSec + steadySec ? ratePerSec : 0;
    }

    /** The phase of the schedule at a moment, seconds after the run start. */
    public LoadPhase phaseAt(double sec) {
        if (sec < warmUpSec) {
            return LoadPhase.WARM_UP;
        }
        double t = sec - warmUpSec;
        if (stairs != null) {
            if (t < stairs.totalSec()) {
                return t - stepAt(sec) * (double) (stairs.holdSec() + stairs.rampSec()) < stairs.holdSec()
                        ? LoadPhase.CAPACITY_STEP : LoadPhase.CAPACITY_RAMP;
            }
            double intoPhase = t - stairs.totalSec();
            if (degradation == null || intoPhase >= degradation.totalSec()) {
                return LoadPhase.ENDING;
            }
            return intoPhase < Degradation.SETTLE_SEC ? LoadPhase.SETTLE
                    : intoPhase < Degradation.SETTLE_SEC + degradation.overloadSec() ? LoadPhase.OVERLOAD : LoadPhase.RECOVERY;
        }
        if (t < rampUpSec) {
            return LoadPhase.RAMP_UP;
        }
        double intoSteady = t - rampUpSec;
        if (intoSteady >= steadySec) {
            return LoadPhase.ENDING;
        }
        return spike != null && intoSteady >= spike.atSec() && intoSteady < spike.atSec() + spike.holdSec()
                ? LoadPhase.SPIKE : LoadPhase.STEADY;
    }

    /** A capacity search's step (0-based) at a moment, its hold or the ramp after it; -1 outside the stairs or without them. */
    public int stepAt(double sec) {
        double t = sec - warmUpSec;
        if (stairs == null || t < 0 || t >= stairs.totalSec()) {
            return -1;
        }
        return (int) Math.min(stairs.steps() - 1, Math.floor(t / (stairs.holdSec() + stairs.rampSec())));
    }

    /** Users planned to start between two moments (seconds after the run start): the rate's integral. */
    public double plannedUsersBetween(double fromSec, double toSec) {
        double users = 0;
        double stepSec = 0.05; // midpoint rule: exact for constant rates and linear ramps
        for (double t = fromSec; t < Math.min(toSec, totalSec()) - 1e-9; t += stepSec) {
            double width = Math.min(stepSec, toSec - t);
            users += plannedRateAt(t + width / 2) * width;
        }
        return users;
    }
}
