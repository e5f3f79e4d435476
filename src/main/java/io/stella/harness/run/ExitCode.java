package io.stella.harness.run;

/**
 * The harness's exit codes, after k6's: a pipeline can tell "the target is too slow" from "the
 * profile is wrong" without reading logs. {@code mvn} itself exits 1 on any of the non-zero ones
 * and prints the code of Gatling's process in its error line.
 */
public enum ExitCode {
    /** Every threshold held. */
    OK(0),
    /** The run went through, something went wrong inside the harness (a bug, an I/O error). */
    HARNESS_ERROR(1),
    /** The run went through and at least one threshold failed. */
    THRESHOLDS_FAILED(99),
    /** A profile, target setting or flag is invalid; no load was sent. */
    INVALID_CONFIG(104);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
