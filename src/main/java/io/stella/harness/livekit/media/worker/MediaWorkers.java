package io.stella.harness.livekit.media.worker;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.CallListener;
import io.stella.harness.livekit.media.CallReport;
import io.stella.harness.livekit.media.Redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's side of its media workers: each a {@link MediaWorkerMain} process that places up
 * to {@code callsPerWorker} calls at once. A worker that dies (a native fault, a kill) ends only its
 * own calls, each reported as MEDIA_FAILED with the reason it gave; what they had measured is
 * already here, and the next call starts a new worker.
 */
public final class MediaWorkers implements AutoCloseable {

    private static final int STDERR_LINES_KEPT = 30;

    /** One placed call: done once it ended, one way or another. */
    public static final class Call {
        private volatile CallReport report;

        public boolean done() {
            return report != null;
        }

        /** The call's report once {@link #done()}; null before. */
        public CallReport report() {
            return report;
        }
    }

    private final ConversationShape conversation;
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private boolean closed;

    /** Told, as each worker's clock reports (about once a second), how many ticks it made since its last report and how many were late. */
    public interface ClockListener {
        void ticked(long ticks, long lateTicks);
    }

    private volatile ClockListener clockListener = (ticks, lateTicks) -> { };

    /** From now on every worker's clock report also goes to {@code listener}. */
    public void reportClockTo(ClockListener listener) {
        clockListener = listener;
    }

    private final java.util.concurrent.atomic.AtomicInteger callsInProgress = new java.util.concurrent.atomic.AtomicInteger();

    public MediaWorkers(ConversationShape conversation) {
        this.conversation = conversation;
    }

    /**
     * Places a call on the engine the profile's mix gives it; the listener made for that engine hears
     * its figures as they come, and always hears it end.
     */
    public Call call(String livekitUrl, String participantToken, java.util.function.Function<String, CallListener> listenerOnEngine) {
        long id = nextId.getAndIncrement();
        String engine = conversation.engineOfCall(id - 1);
        CallListener listener = listenerOnEngine.apply(engine);
        Call call = new Call();
        callsInProgress.incrementAndGet();
        CallListener ending = new CallListener() {
            @Override
            public void joined(long connectEpochMillis, long joinMillis) {
                listener.joined(connectEpochMillis, joinMillis);
            }

            @Override
            public void mediaUp(long connectEpochMillis, long mediaSetupMillis) {
                listener.mediaUp(connectEpochMillis, mediaSetupMillis);
            }

            @Override
            public void greeted(long joinedEpochMillis, Long greetingMillis) {
                listener.greeted(joinedEpochMillis, greetingMillis);
            }

            @Override
            public void turn(CallReport.Turn turn) {
                listener.turn(turn);
            }

            @Override
            public void ended(CallReport report) {
                try {
                    listener.ended(report);
                } finally {
                    call.report = report;
                    callsInProgress.decrementAndGet();
                }
            }
        };
        Worker worker;
        try {
            worker = reserve(id, ending);
        } catch (IOException | IllegalStateException e) {
            ending.ended(failed("no media worker could start: " + e.getMessage()));
            return call;
        }
        worker.place(id, new WorkerMessages.Call(id, livekitUrl, participantToken, conversation, engine));
        return call;
    }

    /** The audio clocks of every worker so far, added up: ticks, late ticks, the worst lateness. */
    public synchronized AudioPacer.Health health() {
        return AudioPacer.Health.sum(workers.stream().map(worker -> worker.health).toList());
    }

    /** Calls placed that have not ended yet. */
    public int callsInProgress() {
        return callsInProgress.get();
    }

    /** How many worker processes were started, the dead ones included. */
    public synchronized int started() {
        return workers.size();
    }

    /** A worker with room for one more call, the call counted in it at once so that no other call takes its place. */
    private synchronized Worker reserve(long id, CallListener listener) throws IOException {
        if (closed) {
            throw new IllegalStateException("the run is over");
        }
        Worker chosen = null;
        for (Worker worker : workers) {
            if (worker.alive() && worker.inFlight.size() < conversation.callsPerWorker()) {
                chosen = worker;
                break;
            }
        }
        if (chosen == null) {
            chosen = startWorker();
        }
        chosen.inFlight.put(id, listener);
        if (chosen.inFlight.size() >= conversation.callsPerWorker() - spareMargin() && workers.stream()
                .noneMatch(worker -> worker.alive() && worker.inFlight.size() < conversation.callsPerWorker() - spareMargin())) {
            startWorker();
        }
        return chosen;
    }

    /**
     * How close to full a worker gets before the next one starts, so that it is up, its engines started, when calls
     * spill over: started by the call that found every worker full, it held calls back 7 s while it booted, and their
     * set-ups took 2.5 s more (300 packet calls, 2026-12-06: held stuck at 200 for seconds 59-65).
     */
    private int spareMargin() {
        return Math.max(1, conversation.callsPerWorker() / 10);
    }

    private Worker startWorker() throws IOException {
        List<String> preparations = new ArrayList<>();
        conversation.engines().forEach((engine, weight) -> {
            if (weight > 0) {
                preparations.add(MediaWorkerMain.ENGINE_ARGUMENT + engine);
            }
        });
        conversation.prompts().forEach(prompt -> preparations.add(MediaWorkerMain.PROMPT_ARGUMENT + prompt));
        if (!conversation.backchannel().turns().isEmpty()) {
            preparations.add(MediaWorkerMain.PROMPT_ARGUMENT + conversation.backchannel().clip());
        }
        Worker worker = new Worker(workers.size() + 1, preparations);
        workers.add(worker);
        return worker;
    }

    /** Lets the calls in flight end (each is bounded by its conversation), then stops every worker. */
    @Override
    public void close() {
        List<Worker> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(workers);
        }
        all.forEach(Worker::endInput);
        for (Worker worker : all) {
            worker.awaitExit();
        }
    }

    /** Stops every worker now (the run was interrupted): their calls in flight end as MEDIA_FAILED. */
    public void abandon() {
        List<Worker> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(workers);
        }
        all.forEach(worker -> {
            worker.abandoned = true;
            worker.process.destroyForcibly();
        });
        for (Worker worker : all) {
            worker.awaitExit();
        }
    }

    static CallReport failed(String reason) {
        return new CallReport(null, null, null, List.of(), CallReport.AudioStats.NONE, CallReport.SentAudio.NONE,
                CallReport.MEDIA_FAILED, reason, CallReport.Agents.NONE);
    }

    private final class Worker {
        private final int number;
        private final Process process;
        private final Writer input;
        private final Map<Long, CallListener> inFlight = new ConcurrentHashMap<>();
        private final Deque<String> lastErrorLines = new ArrayDeque<>();
        private final Thread reader;
        private final Thread errorReader;
        private volatile AudioPacer.Health health = new AudioPacer.Health(0, 0, 0);
        private volatile boolean exited;
        private volatile boolean abandoned;

        /** {@code preparations}: the worker's arguments, the engines and prompts it makes ready before its first call. */
        Worker(int number, List<String> preparations) throws IOException {
            this.number = number;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // G1 held to short pauses: a pause stops the send clock, and Serial's young pauses (70-160 ms with 150 calls
            // on the packet engine, 2026-12-06) made it late; G1 here paused 10-50 ms, ZGC cost so much CPU the clock fell further behind.
            List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-cp",
                    System.getProperty("java.class.path"), MediaWorkerMain.class.getName()));
            command.addAll(preparations);
            process = new ProcessBuilder(command).start();
            input = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            reader = new Thread(this::readEvents, "media-worker-" + number + "-events");
            reader.setDaemon(true);
            reader.start();
            errorReader = new Thread(this::readErrors, "media-worker-" + number + "-stderr");
            errorReader.setDaemon(true);
            errorReader.start();
        }

        boolean alive() {
            return !exited && process.isAlive();
        }

        synchronized void place(long id, WorkerMessages.Call call) {
            try {
                input.write(WorkerMessages.line(call) + "\n");
                input.flush();
            } catch (IOException e) {
                CallListener gone = inFlight.remove(id);
                if (gone != null) {
                    gone.ended(failed("media worker " + number + " did not take the call: " + e.getMessage()));
                }
            }
        }

        synchronized void endInput() {
            try {
                input.close();
            } catch (IOException e) {
                // it is gone already: its calls were ended when its output closed
            }
        }

        void awaitExit() {
            try {
                reader.join(TimeUnit.MINUTES.toMillis(5));
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        private void readEvents() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    WorkerMessages.read(line, WorkerMessages.Event.class).ifPresent(this::dispatch);
                }
            } catch (IOException e) {
                // the process is gone; below, its calls end
            }
            int exitCode = exitCode();
            exited = true;
            if (!inFlight.isEmpty()) {
                String reason = abandoned ? "the run was stopped: media worker " + number + " ended with it"
                        : "media worker " + number + " died (exit code " + exitCode + ")" + lastError();
                for (Long id : List.copyOf(inFlight.keySet())) {
                    CallListener listener = inFlight.remove(id);
                    if (listener != null) {
                        listener.ended(failed(reason));
                    }
                }
            }
        }

        private void dispatch(WorkerMessages.Event event) {
            if (WorkerMessages.Event.HEALTH.equals(event.type())) {
                AudioPacer.Health before = health;
                health = event.health();
                clockListener.ticked(health.ticks() - before.ticks(), health.lateTicks() - before.lateTicks());
                return;
            }
            CallListener listener = WorkerMessages.Event.ENDED.equals(event.type()) ? inFlight.remove(event.id())
                    : inFlight.get(event.id());
            if (listener == null) {
                return;
            }
            switch (event.type()) {
                case WorkerMessages.Event.JOINED -> listener.joined(event.epochMillis(), event.millis());
                case WorkerMessages.Event.MEDIA_UP -> listener.mediaUp(event.epochMillis(), event.millis());
                case WorkerMessages.Event.GREETED -> listener.greeted(event.epochMillis(), event.millis());
                case WorkerMessages.Event.TURN -> listener.turn(event.turn());
                case WorkerMessages.Event.ENDED -> listener.ended(event.report());
                default -> {
                }
            }
        }

        private void readErrors() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (lastErrorLines) {
                        lastErrorLines.addLast(line);
                        if (lastErrorLines.size() > STDERR_LINES_KEPT) {
                            lastErrorLines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // nothing more to keep
            }
        }

        private int exitCode() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** The line that says what went wrong, from what the worker printed last: libwebrtc's check, or its last line. */
        private String lastError() {
            try {
                errorReader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lastErrorLines) {
                String reason = lastErrorLines.stream().filter(line -> line.contains("Check failed") || line.contains("Fatal")
                        || line.contains("Exception")).reduce((first, second) -> second)
                        .orElse(lastErrorLines.isEmpty() ? "" : lastErrorLines.peekLast());
                return reason.isBlank() ? "" : ": " + Redaction.tokensOut(reason.replaceFirst("^#\\s*", "").trim());
            }
        }
    }
}
