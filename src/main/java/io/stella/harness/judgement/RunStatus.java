package io.stella.harness.judgement;

/** summary.json's status for a run that did not go to its planned end (the others: PASS, FAIL, INCONCLUSIVE). */
public final class RunStatus {

    /** A run stopped by a signal before its end. */
    public static final String INTERRUPTED = "INTERRUPTED";
    /** A run whose load an {@code abortOnFail} rule stopped. */
    public static final String ABORTED = "ABORTED";

    private RunStatus() {
    }
}
