package io.stella.harness.run;

import io.stella.harness.judgement.ExitCode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * A run that must not start (an invalid profile or target setting, a target that is down), thrown
 * from a simulation's constructor before any load. Gatling and the Maven plugin's launcher would
 * each print a stack trace of it; the user's mistake deserves one line per problem and its exit
 * code instead. So {@link #refuse} prints the lines, arranges the exit code for when the JVM ends,
 * and quiets the console from then on: everything printed after it is about this exception.
 */
public final class RunRefused extends RuntimeException {

    private final ExitCode exitCode;

    private RunRefused(ExitCode exitCode, String summary) {
        super(summary, null, false, false);
        this.exitCode = exitCode;
    }

    /** Says why on stderr and returns the exception to throw; the JVM then ends with {@code exitCode}. */
    public static RunRefused refuse(ExitCode exitCode, List<String> lines) {
        lines.forEach(System.err::println);
        System.err.flush();
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(exitCode.code()), "harness-refused"));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        System.setErr(quiet);
        return new RunRefused(exitCode, exitCode.meaning() + ": " + String.join("; ", lines));
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
