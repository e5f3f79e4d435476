package io.stella.harness.signoff.probes;

import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;

import java.util.List;
import java.util.Map;

/**
 * Gives evidence for checklist items by asking the target from outside, as a client would. A target
 * that answers wrongly makes a FAIL with the reason; a probe never throws for what the target does.
 */
public interface Probe {

    /** The name a profile uses to ask for this probe. */
    String name();

    /** The checklist item it gives evidence for (the first, where it gives more than one). */
    ChecklistItem item();

    List<ItemResult> run(ProbeTarget target) throws Exception;

    /** PASS with {@code whenFine} when nothing was wrong, else FAIL naming every problem found. */
    default ItemResult outcome(List<String> problems, String whenFine, Map<String, Object> evidence) {
        return new ItemResult(item(), problems.isEmpty() ? ItemStatus.PASS : ItemStatus.FAIL,
                problems.isEmpty() ? whenFine : String.join("; ", problems), evidence, "probe " + name());
    }
}
