package io.stella.harness.verdict;

/**
 * Whether the injector itself was in trouble (behind its schedule, out of CPU) during part of a run:
 * then the figures of that part describe the harness, not the target, and its verdicts are
 * INCONCLUSIVE with {@link #reason()}.
 */
public interface InjectorHealth {

    /** In trouble at any second in {@code [fromSec, toSec)} after the run start. */
    boolean troubledDuring(int fromSec, int toSec);

    /** In trouble anywhere in the judged part of the run. */
    boolean troubled();

    /** Why, in one line. */
    String reason();

    /** Why it was in trouble in {@code [fromSec, toSec)}, in one line (the whole run's reason unless told better). */
    default String reasonDuring(int fromSec, int toSec) {
        return reason();
    }

    /** Troubled when either is; the reason of the first that is. */
    static InjectorHealth either(InjectorHealth first, InjectorHealth second) {
        return new InjectorHealth() {
            @Override
            public boolean troubledDuring(int fromSec, int toSec) {
                return first.troubledDuring(fromSec, toSec) || second.troubledDuring(fromSec, toSec);
            }

            @Override
            public boolean troubled() {
                return first.troubled() || second.troubled();
            }

            @Override
            public String reason() {
                return first.troubled() ? first.reason() : second.reason();
            }

            @Override
            public String reasonDuring(int fromSec, int toSec) {
                return first.troubledDuring(fromSec, toSec) ? first.reasonDuring(fromSec, toSec) : second.reasonDuring(fromSec, toSec);
            }
        };
    }
}
