package io.stella.harness.reference;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the reference target on its own, for pointing a run (or curl) at it:
 * {@code mvn -q compile exec:java}. It prints its address and the client credentials a run needs,
 * and stops on Ctrl-C.
 */
public final class ReferenceTargetMain {

    static final int DEFAULT_PORT = 8080;
    /** Set by a run that starts the target as its child: the target ends once the run's process is gone. */
    static final String EXIT_WITH_PARENT = "reference.exitWithParent";
    /** Set by a run that carries media: the agents' media starts before the target says it listens. */
    static final String WARM_UP_MEDIA = "reference.warmUpMedia";

    private ReferenceTargetMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReferenceTarget target;
        try {
            target = ReferenceTarget.start(ReferenceSettings.from(Settings.fromSystem(), DEFAULT_PORT));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(104);
            return;
        }
        if (Boolean.getBoolean(WARM_UP_MEDIA)) {
            target.warmUpMedia();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            target.close();
            stopped.countDown();
        }, "reference-target-stop"));
        ReferenceSettings settings = target.settings();
        System.out.println("STELLA reference target listening on " + target.baseUrl());
        System.out.println("Point a run at it from another terminal:");
        System.out.println("  STELLA_BASE_URL=" + target.baseUrl() + " STELLA_CLIENT_ID=" + settings.clientId()
                + " STELLA_CLIENT_SECRET=<the secret> mvn gatling:test");
        System.out.println("The client secret is STELLA_CLIENT_SECRET if you set one; otherwise it was made up for this"
                + " start and is not printed: set STELLA_CLIENT_SECRET for both.");
        System.out.println("Ctrl-C stops it.");
        if (Boolean.getBoolean(EXIT_WITH_PARENT)) {
            Thread parent = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the run holds our input open as long as it lives
                    }
                } catch (java.io.IOException e) {
                    // gone as well
                }
                System.exit(0);
            }, "reference-target-parent-watch");
            parent.setDaemon(true);
            parent.start();
        }
        stopped.await();
    }
}
