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
public abstract class Probe {

    private final String name;
    private final ChecklistItem item;

    /**
     * @param name the name a profile uses to ask for this probe
     * @param item the checklist item it gives evidence for (the first, where it gives more than one)
     */
    protected Probe(String name, ChecklistItem item) {
        this.name = name;
        this.item = item;
    }

    public final String name() {
        return name;
    }

    public final ChecklistItem item() {
        return item;
    }

    public abstract List<ItemResult> run(ProbeTarget target) throws Exception;

    /** PASS with {@code whenFine} when nothing was wrong, else FAIL naming every problem found. */
    protected final ItemResult outcome(List<String> problems, String whenFine, Map<String, Object> evidence) {
        return new ItemResult(item, problems.isEmpty() ? ItemStatus.PASS : ItemStatus.FAIL,
                problems.isEmpty() ? whenFine : String.join("; ", problems), evidence, "probe " + name);
    }
}
