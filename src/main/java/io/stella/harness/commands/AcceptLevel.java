package io.stella.harness.commands;

import io.stella.harness.judgement.ExitCode;
import io.stella.harness.config.ConfigException;
import io.stella.harness.results.History;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Accepts a new level of a profile's figures in a nightly history: the runs that regressed since its
 * last good run become good runs, and later nights are judged against a band centred on what they
 * measured (the earlier nights still give it its spread). Until someone accepts it, a lasting change
 * keeps failing the nightly gate; who accepted it and why are kept in the history, on a line of its own.
 * <pre>
 * mvn -q compile exec:java@accept -Dexec.args="results/nightly-history.jsonl --by alice --why 'TLS now ends at the pod'"
 * </pre>
 * Exit codes: 0 accepted, 104 bad input (nothing to accept, a flag missing, a history that cannot be read), 1 I/O.
 */
public final class AcceptLevel {

    static final String USAGE = "usage: accept <history file> --by <who> --why <reason> [--profile <profile>]";

    private AcceptLevel() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, Instant.now()).code());
    }

    /** What was asked: the history, who accepts and why, and of which profile (null: the newest run's). */
    record Request(Path history, String by, String why, String profile) {
        static Request parse(String[] args) {
            Path history = null;
            String by = null;
            String why = null;
            String profile = null;
            for (int i = 0; i < args.length; i++) {
                boolean valued = i + 1 < args.length;
                switch (args[i]) {
                    case "--by" -> by = valued ? args[++i] : null;
                    case "--why" -> why = valued ? args[++i] : null;
                    case "--profile" -> profile = valued ? args[++i] : null;
                    default -> {
                        if (args[i].startsWith("--") || history != null) {
                            throw new ConfigException("accept: unexpected argument " + args[i] + "; " + USAGE);
                        }
                        history = Path.of(args[i]);
                    }
                }
            }
            if (history == null || !Files.isRegularFile(history)) {
                throw new ConfigException("accept: " + (history == null ? "no history file given" : history + ": no such file") + "; " + USAGE);
            }
            if (by == null || by.isBlank() || why == null || why.isBlank()) {
                throw new ConfigException("accept: say who accepts and why (--by, --why): the history keeps both; " + USAGE);
            }
            return new Request(history, by.strip(), why.strip(), profile);
        }
    }

    static ExitCode run(String[] args, PrintStream out, Instant now) {
        try {
            Request request = Request.parse(args);
            History.Contents contents;
            try {
                contents = History.read(request.history());
            } catch (IOException e) {
                throw new ConfigException("accept: " + e.getMessage());
            }
            String profile = request.profile() != null ? request.profile() : contents.runs().isEmpty() ? null
                    : contents.runs().get(contents.runs().size() - 1).profile();
            List<History.Entry> regressed = profile == null ? List.of() : History.unacceptedRegressions(contents, profile);
            if (regressed.isEmpty()) {
                throw new ConfigException("accept: " + request.history() + ": no run of " + (profile == null ? "any profile" : "profile " + profile)
                        + " regressed since its last good run; nothing to accept");
            }
            History.append(request.history(), new History.Acceptance(now.toString(), profile, request.by(), request.why(),
                    regressed.stream().map(History.Entry::runStart).toList()));
            out.println("accepted " + regressed.size() + " run(s) of profile " + profile + " as its new level, from the run of "
                    + regressed.get(0).runStart() + " (" + regressed.get(0).folder() + "), by " + request.by() + ": " + request.why());
            out.println("from the next run on, each figure is judged against a band centred on this level");
            return ExitCode.OK;
        } catch (ConfigException e) {
            e.problems().forEach(out::println);
            return ExitCode.INVALID_CONFIG;
        } catch (IOException e) {
            out.println("accept: " + e.getMessage());
            return ExitCode.HARNESS_ERROR;
        }
    }
}
