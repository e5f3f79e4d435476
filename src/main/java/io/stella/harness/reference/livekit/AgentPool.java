package io.stella.harness.reference.livekit;

import io.stella.harness.config.Settings;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in's agent workers, as a dispatcher in front of them sees them: each worker holds at
 * most {@code conversationsPerWorker} conversations (a LiveKit Agents worker stops taking jobs once
 * its load passes its threshold), a job goes to the least busy worker with room, and a job no worker
 * can take waits for one to free up, in order of arrival, for at most {@code maxWaitMillis}; past
 * that no agent ever comes, and the caller is left in silence. A conversation holds its worker until
 * its dispatch or its room is deleted (the session ended).
 */
public final class AgentPool {

    public static final String WORKERS = "REFERENCE_AGENT_WORKERS";
    public static final String CONVERSATIONS_PER_WORKER = "REFERENCE_AGENT_CONVERSATIONS_PER_WORKER";
    public static final String MAX_WAIT = "REFERENCE_AGENT_MAX_WAIT_MS";
    /** On: the backend refuses a new session (503, Retry-After) while no agent is free, a busy signal rather than silence. */
    public static final String BUSY_SIGNAL = "REFERENCE_AGENT_BUSY_SIGNAL";

    /**
     * The pool's size and patience, and whether the backend gives a busy signal when it is full; the
     * defaults hold 10,000 conversations, as many as the stand-in admits participants.
     */
    public record Shape(int workers, int conversationsPerWorker, long maxWaitMillis, boolean busySignal) {

        public static final Shape UNLIMITED = new Shape(1000, 10, 5_000, false);

        public static Shape from(Settings settings) {
            return new Shape(settings.wholeNumber(WORKERS, UNLIMITED.workers(), 1, 100_000),
                    settings.wholeNumber(CONVERSATIONS_PER_WORKER, UNLIMITED.conversationsPerWorker(), 1, 10_000),
                    settings.wholeNumber(MAX_WAIT, (int) UNLIMITED.maxWaitMillis(), 0, 600_000),
                    settings.flag(BUSY_SIGNAL, UNLIMITED.busySignal()));
        }

        public int conversations() {
            return workers * conversationsPerWorker;
        }
    }

    /** What the pool holds now, for the target's {@code /metrics}. */
    public record Load(int workers, int busy, int free, int waiting, long unanswered) {
    }

    private final Shape shape;
    private final ScheduledExecutorService timer;
    private final int[] busyByWorker;
    private final Map<String, Integer> workerByJob = new HashMap<>();
    private final Map<String, String> roomByJob = new HashMap<>();
    private final LinkedHashMap<String, Waiting> waiting = new LinkedHashMap<>();
    private int busy;
    private long unanswered;

    private record Waiting(String room, Runnable onTaken, ScheduledFuture<?> giveUp) {
    }

    public AgentPool(Shape shape, ScheduledExecutorService timer) {
        this.shape = shape;
        this.timer = timer;
        this.busyByWorker = new int[shape.workers()];
    }

    /**
     * A job for the room: a worker takes it now, or once one frees up within the wait limit; then
     * {@code onTaken} runs (on the caller's thread, or the timer's). A job no worker took in time is dropped.
     */
    public void request(String job, String room, Runnable onTaken) {
        synchronized (this) {
            if (workerByJob.containsKey(job) || waiting.containsKey(job)) {
                return;
            }
            if (!take(job, room)) {
                ScheduledFuture<?> giveUp = timer.schedule(() -> giveUp(job), shape.maxWaitMillis(), TimeUnit.MILLISECONDS);
                waiting.put(job, new Waiting(room, onTaken, giveUp));
                return;
            }
        }
        onTaken.run();
    }

    /** The job is over (its dispatch deleted): its worker takes the next waiting job, if any. */
    public void release(String job) {
        Runnable next;
        synchronized (this) {
            Waiting queued = waiting.remove(job);
            if (queued != null) {
                queued.giveUp().cancel(false);
                return;
            }
            Integer worker = workerByJob.remove(job);
            if (worker == null) {
                return;
            }
            roomByJob.remove(job);
            busyByWorker[worker]--;
            busy--;
            next = takeNextWaiting();
        }
        if (next != null) {
            next.run();
        }
    }

    /** The room was deleted: every job in it is over. */
    public void roomDeleted(String room) {
        java.util.List<String> jobs;
        synchronized (this) {
            jobs = new java.util.ArrayList<>();
            roomByJob.forEach((job, inRoom) -> {
                if (inRoom.equals(room)) {
                    jobs.add(job);
                }
            });
            waiting.forEach((job, queued) -> {
                if (queued.room().equals(room)) {
                    jobs.add(job);
                }
            });
        }
        jobs.forEach(this::release);
    }

    public synchronized Load load() {
        return new Load(shape.workers(), busy, shape.conversations() - busy, waiting.size(), unanswered);
    }

    private boolean take(String job, String room) {
        int leastBusy = -1;
        for (int worker = 0; worker < busyByWorker.length; worker++) {
            if (busyByWorker[worker] < shape.conversationsPerWorker()
                    && (leastBusy < 0 || busyByWorker[worker] < busyByWorker[leastBusy])) {
                leastBusy = worker;
            }
        }
        if (leastBusy < 0) {
            return false;
        }
        busyByWorker[leastBusy]++;
        busy++;
        workerByJob.put(job, leastBusy);
        roomByJob.put(job, room);
        return true;
    }

    /** The oldest waiting job, now taken; null when none waits. Called with the lock held. */
    private Runnable takeNextWaiting() {
        Iterator<Map.Entry<String, Waiting>> oldest = waiting.entrySet().iterator();
        if (!oldest.hasNext()) {
            return null;
        }
        Map.Entry<String, Waiting> next = oldest.next();
        oldest.remove();
        next.getValue().giveUp().cancel(false);
        take(next.getKey(), next.getValue().room());
        return next.getValue().onTaken();
    }

    private synchronized void giveUp(String job) {
        if (waiting.remove(job) != null) {
            unanswered++;
        }
    }
}
