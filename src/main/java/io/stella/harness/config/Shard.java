package io.stella.harness.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One injector's part of a run split across {@code count} injectors: {@code index} counts from 0, as
 * a Kubernetes Indexed Job's {@code JOB_COMPLETION_INDEX} does. Every arrival rate is divided by the
 * count ({@link Profile#forShard}), so the injectors together send what the profile says.
 */
public record Shard(int index, int count) {

    public static final String SETTING = "shard";
    /** In a Kubernetes Indexed Job: the pod's index, and the count from the Job's environment. */
    public static final String JOB_INDEX = "JOB_COMPLETION_INDEX";
    public static final String COUNT = "STELLA_INJECTORS";
    /** The id every injector of one run shares: their results go under {@code results/<run id>/injectors/<index>/}. */
    public static final String RUN_ID = "STELLA_RUN_ID";

    private static final Pattern FORM = Pattern.compile("(\\d+)/(\\d+)");
    private static final Pattern RUN_ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** {@code -Dshard=<index>/<count>}, else the Indexed Job's index with {@code STELLA_INJECTORS}; empty for one injector. */
    public static Optional<Shard> from(Settings settings) {
        Optional<String> text = settings.get(SETTING);
        if (text.isPresent()) {
            Matcher form = FORM.matcher(text.get());
            if (!form.matches()) {
                throw new ConfigException("-D" + SETTING + "=" + text.get() + ": must read <index>/<count>, e.g. 0/3 (index from 0)");
            }
            return Optional.of(checked("-D" + SETTING + "=" + text.get(), form.group(1), form.group(2)));
        }
        Optional<String> jobIndex = settings.get(JOB_INDEX);
        if (jobIndex.isEmpty()) {
            return Optional.empty();
        }
        String count = settings.get(COUNT).orElseThrow(() -> new ConfigException(JOB_INDEX + " is set (an Indexed Job):"
                + " set " + COUNT + " to the number of injectors as well"));
        return Optional.of(checked(JOB_INDEX + "=" + jobIndex.get() + ", " + COUNT + "=" + count, jobIndex.get(), count));
    }

    /** The run id all injectors share; required when sharded, so their results meet in one folder. */
    public static String runId(Settings settings) {
        String id = settings.get(RUN_ID).orElseThrow(() -> new ConfigException(RUN_ID + ": is required for a sharded run"
                + " (the same for every injector, e.g. the Job's name), so that their results meet in results/<run id>/"));
        if (!RUN_ID_FORM.matcher(id).matches()) {
            throw new ConfigException(RUN_ID + ": must be letters, digits, '.', '_' or '-', at most 100 (was " + id + ")");
        }
        return id;
    }

    private static Shard checked(String where, String indexText, String countText) {
        int index;
        int count;
        try {
            index = Integer.parseInt(indexText.trim());
            count = Integer.parseInt(countText.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": the index and the count must be whole numbers");
        }
        if (count < 1 || count > 1000 || index < 0 || index >= count) {
            throw new ConfigException(where + ": needs 1 <= count <= 1000 and 0 <= index < count");
        }
        return new Shard(index, count);
    }

    /** Thresholds for this injector's part: throughput floors divided by the count, other rules as they are. */
    public List<Threshold> share(List<Threshold> wholeRun) {
        return scaledFloors(wholeRun, 1.0 / count);
    }

    /** The whole run's thresholds back from one injector's part. */
    public List<Threshold> whole(List<Threshold> share) {
        return scaledFloors(share, count);
    }

    private static List<Threshold> scaledFloors(List<Threshold> thresholds, double factor) {
        return thresholds.stream().map(rule -> rule instanceof Threshold.ThroughputFloor floor
                ? (Threshold) new Threshold.ThroughputFloor(floor.request(), floor.minPerSec() * factor) : rule).toList();
    }

    /** How the console and results name it: {@code injector 1 of 3} (counting from 0, as the folders do). */
    public String describe() {
        return "injector " + index + " of " + count;
    }
}
