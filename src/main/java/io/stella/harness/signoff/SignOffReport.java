package io.stella.harness.signoff;

import java.io.PrintStream;

/** The sign-off on the console: one line per checklist item, then GO or NO-GO. */
public final class SignOffReport {

    private SignOffReport() {
    }

    public static void print(PrintStream out, SignOff signOff) {
        out.println("Checklist sign-off (signoff.md):");
        for (ItemResult item : signOff.items()) {
            out.printf("  %-8s %-45s %s%n", SignOffWriters.label(item.status()), item.item().title(), item.reason());
        }
        out.println("Sign-off: " + signOff.verdict());
    }
}
