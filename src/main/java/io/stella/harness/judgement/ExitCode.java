package io.stella.harness.judgement;

/**
 * The harness's exit codes, after k6's: a pipeline can tell "the target is too slow" from "the
 * profile is wrong" without reading logs. {@code mvn} itself exits 1 on any of the non-zero ones
 * and prints the code of Gatling's process in its error line.
 */
public enum ExitCode {
    /** Every threshold held. */
    OK(0, "GO"),
    /** The run went through, something went wrong inside the harness (a bug, an I/O error). */
    HARNESS_ERROR(1, "harness error"),
    /** The run went through and the sign-off is NO-GO: a threshold or a checklist item failed. */
    NO_GO(99, "NO-GO"),
    /** A profile, target setting or flag is invalid; no load was sent. */
    INVALID_CONFIG(104, "invalid configuration"),
    /** The pre-flight found the target down (DNS, TCP, TLS or /healthz); no load was sent. */
    TARGET_DOWN(111, "target down"),
    /** Stopped by Ctrl-C or a signal (SIGINT, SIGTERM) before its end; the results cover what was measured until then. */
    INTERRUPTED(130, "INTERRUPTED");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public int code() {
        return code;
    }
}
