package io.stella.harness.run;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Shard;
import io.stella.harness.results.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * This run's results folder, made before any load: a results root that cannot be written (a full disk,
 * a file in its place, no permission) refuses the run before a request is sent rather than after the
 * whole load. An injector of a sharded run writes its plan there at once, so that if it dies or is
 * refused, the merge knows it was planned and names it.
 */
public final class RunFolderClaim {

    private RunFolderClaim() {
    }

    /** The folder, made new; {@code shard} and {@code runId} null for a run on one injector. */
    public static Path claim(Path resultsRoot, String profile, Instant startedAt, Shard shard, String runId) {
        try {
            if (shard == null) {
                return RunFolder.create(resultsRoot, profile, startedAt);
            }
            Path folder = RunFolder.createInjector(resultsRoot, runId, shard.index());
            RunFolder.writePlan(folder, new RunFolder.InjectorPlan(runId, profile, shard.index(), shard.count(), startedAt.toString()));
            return folder;
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ConfigException("harness.resultsRoot: " + resultsRoot + ": this run's results folder cannot be made ("
                    + reason + "); a run that cannot keep its evidence does not start, nothing was sent");
        }
    }

    /**
     * The run was refused before any load: an injector's folder keeps why (the merge names it); a run on
     * one injector leaves no empty folder behind.
     */
    public static void release(Path folder, Shard shard, List<String> problems) {
        if (folder == null) {
            return;
        }
        try {
            if (shard != null) {
                RunFolder.writeRefusal(folder, problems);
            } else {
                Files.deleteIfExists(folder); // empty: nothing was written before the load
            }
        } catch (IOException e) {
            // the refusal itself was printed; a folder left behind holds no results and misleads no merge
        }
    }
}
