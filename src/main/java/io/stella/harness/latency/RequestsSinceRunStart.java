package io.stella.harness.latency;

/**
 * A reader of Gatling's log that places each request by when it started after the run began, which is
 * what every window of a run (a threshold's windows, a degradation phase's seconds) is cut by.
 */
public abstract class RequestsSinceRunStart implements GatlingLogListener {

    private long runStartEpochMillis;

    @Override
    public final void onRun(Run run) {
        runStartEpochMillis = run.startEpochMillis();
    }

    @Override
    public final void onRequest(Request request) {
        onRequest(request, request.startEpochMillis() - runStartEpochMillis);
    }

    /** One request, {@code sinceRunStartMillis} after the run began. */
    protected abstract void onRequest(Request request, long sinceRunStartMillis);

    protected final long runStartEpochMillis() {
        return runStartEpochMillis;
    }
}
