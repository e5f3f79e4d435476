package io.stella.harness.livekit.media.worker;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.CallMedia;
import io.stella.harness.livekit.media.WebRtcEngine;
import io.stella.harness.livekit.packet.PacketEngine;
import io.stella.harness.livekit.media.CallListener;
import io.stella.harness.livekit.media.CallReport;
import io.stella.harness.livekit.media.Conversation;
import io.stella.harness.livekit.media.MediaCall;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.SpeechClip;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A media worker: a process of its own that places the calls the harness hands it over standard
 * input and reports every figure on standard output as it is measured. libwebrtc runs here and
 * nowhere in the harness, so a native fault ends this process and its calls, never the run and what
 * it has measured. Ends once its input closes and its calls are over.
 */
public final class MediaWorkerMain {

    private static final long HEALTH_EVERY_MILLIS = 1000;

    private final PrintStream out;
    private final Map<String, CallMedia.Engine> engines = new ConcurrentHashMap<>();
    private final Map<String, SpeechClip> clips = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch idle = new CountDownLatch(1);
    private volatile boolean inputClosed;

    private MediaWorkerMain(PrintStream out) {
        this.out = out;
    }

    /** Names an engine its calls will use, in its arguments. */
    static final String ENGINE_ARGUMENT = "--engine=";
    /** Names a prompt its calls will speak, in its arguments. */
    static final String PROMPT_ARGUMENT = "--prompt=";

    /**
     * Arguments: the engines its calls will use and the prompts they speak ({@value #ENGINE_ARGUMENT}packet,
     * {@value #PROMPT_ARGUMENT}voice/prompt-1.wav), made ready before it reads its first call.
     */
    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // nothing but the protocol on standard output
        MediaWorkerMain worker = new MediaWorkerMain(protocol);
        worker.prepare(List.of(args));
        worker.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /**
     * Starts the engines and loads (and for the packet engine encodes) the prompts before any call: done by a call,
     * every call arriving meanwhile waited on it, and a worker started mid-run set its first calls up in 1.4-2.4 s
     * against 0.24 s (300 packet calls, 2026-12-06). A prompt that cannot be read is left for the call to report.
     */
    private void prepare(List<String> args) {
        args.stream().filter(arg -> arg.startsWith(ENGINE_ARGUMENT)).forEach(arg -> engine(arg.substring(ENGINE_ARGUMENT.length())));
        for (String arg : args) {
            if (arg.startsWith(PROMPT_ARGUMENT)) {
                try {
                    SpeechClip clip = clips.computeIfAbsent(arg.substring(PROMPT_ARGUMENT.length()),
                            at -> SpeechClip.load(at, "conversation.prompts"));
                    engines.values().forEach(engine -> engine.prepare(clip));
                } catch (RuntimeException e) {
                    System.err.println("prompt " + arg.substring(PROMPT_ARGUMENT.length()) + " not prepared: " + e.getMessage());
                }
            }
        }
    }

    private void serve(BufferedReader in) throws Exception {
        ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "media-worker-health");
            thread.setDaemon(true);
            return thread;
        });
        health.scheduleAtFixedRate(() -> send(new WorkerMessages.Event(0, WorkerMessages.Event.HEALTH, null, null, null, null,
                clockHealth())), HEALTH_EVERY_MILLIS, HEALTH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        String line;
        while ((line = in.readLine()) != null) {
            WorkerMessages.read(line, WorkerMessages.Call.class).ifPresent(this::place);
        }
        inputClosed = true;
        if (inFlight.get() > 0) {
            idle.await();
        }
        send(new WorkerMessages.Event(0, WorkerMessages.Event.HEALTH, null, null, null, null, clockHealth()));
        health.shutdownNow();
        out.flush();
        Runtime.getRuntime().halt(0); // libwebrtc's threads are not ours to join
    }

    private void place(WorkerMessages.Call call) {
        inFlight.incrementAndGet();
        Thread thread = new Thread(() -> {
            CallListener reporter = reporter(call.id());
            try {
                Conversation conversation = conversation(call.conversation());
                call.conversation().engines().keySet().forEach(this::engine); // started already when named on the command line
                new MediaCall(call.livekitUrl(), call.participantToken(), conversation, engine(call.engine()), reporter).run();
            } catch (RuntimeException | Error e) {
                // Whatever happened, the harness hears this call end: its virtual user waits for that.
                reporter.ended(MediaWorkers.failed("the call could not go on: " + e));
            } finally {
                if (inFlight.decrementAndGet() == 0 && inputClosed) {
                    idle.countDown();
                }
            }
        }, "media-call-" + call.id());
        thread.start();
    }

    /**
     * The worker's engine of that name, started as the process starts (the harness names the engines of its
     * calls' mix) or at the latest with the first call of a mix that names it (a packet-only worker never loads
     * libwebrtc), and before that call's clock starts: starting libwebrtc in the middle
     * of a run (loading its library, its threads) held up every packet call setting up in that second by
     * 1.5-2.5 s (2026-12-06, the shipped hybrid at its eighth call, its first on libwebrtc). And the packet
     * engine sets up one loopback connection first, or the first call's media set-up would carry the start
     * of the worker's ICE, DTLS and SRTP.
     */
    private CallMedia.Engine engine(String name) {
        return engines.computeIfAbsent(name == null ? ConversationShape.LIBWEBRTC : name,
                engine -> engine.equals(ConversationShape.PACKET) ? warmPacketEngine() : new WebRtcEngine("media-worker"));
    }

    private static PacketEngine warmPacketEngine() {
        PacketEngine packets = new PacketEngine("media-worker");
        try {
            packets.warmUp();
        } catch (java.io.IOException e) {
            System.err.println("the packet engine did not warm up (" + e.getMessage() + "): the first call pays for its start");
        }
        return packets;
    }

    /** Every engine's send clock in this worker, added up: ticks, late ticks, the worst lateness. */
    private AudioPacer.Health clockHealth() {
        return AudioPacer.Health.sum(engines.values().stream().map(engine -> engine.pacer().health()).toList());
    }

    private Conversation conversation(ConversationShape shape) {
        List<SpeechClip> prompts = shape.prompts().stream()
                .map(location -> clips.computeIfAbsent(location, at -> SpeechClip.load(at, "conversation.prompts"))).toList();
        return new Conversation(shape.greeting(), prompts, shape.turns(), shape.replyTimeoutSec() * 1000L, shape.pauseMillis(),
                shape.mediaTimeoutSec() * 1000L, Pcm.rmsOfDbfs(shape.speechDbfs()), shape.replyEndSilenceMillis(), shape.network(),
                shape.bargeIn(), shape.backchannel(), clips.computeIfAbsent(shape.backchannel().clip(),
                        at -> SpeechClip.load(at, "conversation.backchannel.clip")));
    }

    private CallListener reporter(long id) {
        return new CallListener() {
            @Override
            public void joined(long connectEpochMillis, long joinMillis) {
                send(new WorkerMessages.Event(id, WorkerMessages.Event.JOINED, connectEpochMillis, joinMillis, null, null, null));
            }

            @Override
            public void mediaUp(long connectEpochMillis, long mediaSetupMillis) {
                send(new WorkerMessages.Event(id, WorkerMessages.Event.MEDIA_UP, connectEpochMillis, mediaSetupMillis, null, null, null));
            }

            @Override
            public void greeted(long joinedEpochMillis, Long greetingMillis) {
                send(new WorkerMessages.Event(id, WorkerMessages.Event.GREETED, joinedEpochMillis, greetingMillis, null, null, null));
            }

            @Override
            public void turn(CallReport.Turn turn) {
                send(new WorkerMessages.Event(id, WorkerMessages.Event.TURN, null, null, turn, null, null));
            }

            @Override
            public void ended(CallReport report) {
                send(new WorkerMessages.Event(id, WorkerMessages.Event.ENDED, null, null, null, report, null));
            }
        };
    }

    private synchronized void send(WorkerMessages.Event event) {
        out.println(WorkerMessages.line(event));
    }
}
