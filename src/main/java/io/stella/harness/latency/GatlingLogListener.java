package io.stella.harness.latency;

import java.util.List;

/** What {@link GatlingLogReader} finds in a {@code simulation.log}, record by record, in file order. */
public interface GatlingLogListener {

    /**
     * Which run this is, handed on before any other record. Times in the other records are absolute epoch millis.
     *
     * @param gatlingStartEpochMillis the time Gatling stamped on its run record, before its injector started
     * @param startEpochMillis        when the load began: its first user's arrival, from which the run's windows count
     */
    record Run(String gatlingVersion, String simulationClassName, long gatlingStartEpochMillis, long startEpochMillis,
               List<String> scenarios) {

        /** A run whose load began at the very time Gatling stamped. */
        public Run(String gatlingVersion, String simulationClassName, long startEpochMillis, List<String> scenarios) {
            this(gatlingVersion, simulationClassName, startEpochMillis, startEpochMillis, scenarios);
        }
    }

    /** One request as Gatling recorded it (millisecond resolution: Gatling's clock is in millis). */
    record Request(String name, List<String> groups, long startEpochMillis, long endEpochMillis, boolean ok,
                   String message) {
        public long responseTimeMillis() {
            return endEpochMillis - startEpochMillis;
        }
    }

    /** A virtual user starting or ending. */
    record User(String scenario, boolean start, long epochMillis) {
    }

    void onRun(Run run);

    void onRequest(Request request);

    default void onUser(User user) {
    }

    /** An error Gatling logged outside any request (a crashed user, a failed feeder). */
    default void onError(String message, long epochMillis) {
    }

    /** Both listeners, in order, so that one pass over the log feeds them both. */
    static GatlingLogListener both(GatlingLogListener first, GatlingLogListener second) {
        return new GatlingLogListener() {
            @Override
            public void onRun(Run run) {
                first.onRun(run);
                second.onRun(run);
            }

            @Override
            public void onRequest(Request request) {
                first.onRequest(request);
                second.onRequest(request);
            }

            @Override
            public void onUser(User user) {
                first.onUser(user);
                second.onUser(user);
            }

            @Override
            public void onError(String message, long epochMillis) {
                first.onError(message, epochMillis);
                second.onError(message, epochMillis);
            }
        };
    }
}
