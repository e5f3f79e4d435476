package io.stella.harness.latency;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the binary {@code simulation.log} that Gatling 3.13+ writes ({@code LogFileDataWriter}):
 * a record-type byte, then big-endian ints and longs; strings as the JVM's internal bytes plus a coder
 * byte (0 Latin-1, 1 UTF-16 in native order); repeated strings as indexes into a cache. Times after the
 * run record are int millis since the run start. The format is Gatling's internal one and may change
 * with a Gatling upgrade: a golden-file test pins it.
 * <p>
 * The run is handed on when its load begins, at the first user's arrival: Gatling stamps its run record
 * before it starts its data writers and injector, 0.2 s to over a second earlier on a cold, busy JVM,
 * and every window of the run (warm-up, thresholds' windows, capacity steps, the injector's schedule)
 * is cut from the load's start.
 */
public final class GatlingLogReader {

    private static final byte RUN = 0;
    private static final byte REQUEST = 1;
    private static final byte USER = 2;
    private static final byte GROUP = 3;
    private static final byte ERROR = 4;
    private static final Charset UTF16_NATIVE =
            ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;

    /** How the read ended: {@code truncated} when the file stops inside a record (a crashed run). */
    public record Outcome(long records, boolean truncated) {
    }

    private final DataInputStream in;
    private final Map<Integer, String> stringCache = new HashMap<>();
    private long runStartEpochMillis;
    private List<String> scenarios = List.of();
    private GatlingLogListener.Run pendingRun;

    private GatlingLogReader(InputStream in) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    public static Outcome read(Path simulationLog, GatlingLogListener listener) throws IOException {
        try (InputStream stream = Files.newInputStream(simulationLog)) {
            return new GatlingLogReader(stream).readAll(listener);
        }
    }

    private Outcome readAll(GatlingLogListener listener) throws IOException {
        long records = 0;
        while (true) {
            int type = in.read();
            if (type < 0) {
                handOnRun(listener, runStartEpochMillis);
                return new Outcome(records, false);
            }
            try {
                readRecord((byte) type, listener);
            } catch (EOFException e) {
                handOnRun(listener, runStartEpochMillis);
                return new Outcome(records, true);
            }
            records++;
        }
    }

    private void readRecord(byte type, GatlingLogListener listener) throws IOException {
        switch (type) {
            case RUN -> pendingRun = readRun();
            case REQUEST -> {
                GatlingLogListener.Request request = readRequest();
                handOnRun(listener, runStartEpochMillis);
                listener.onRequest(request);
            }
            case USER -> {
                GatlingLogListener.User user = readUser();
                handOnRun(listener, user.start() ? user.epochMillis() : runStartEpochMillis);
                listener.onUser(user);
            }
            case GROUP -> skipGroup();
            case ERROR -> {
                String message = readCachedString();
                long epochMillis = runStartEpochMillis + in.readInt();
                handOnRun(listener, runStartEpochMillis);
                listener.onError(message, epochMillis);
            }
            default -> throw new IOException("not a Gatling 3.13+ simulation.log: unknown record type " + type);
        }
    }

    private GatlingLogListener.Run readRun() throws IOException {
        String gatlingVersion = readString();
        String simulationClassName = readString();
        runStartEpochMillis = in.readLong();
        readString(); // run description
        int scenarioCount = in.readInt();
        List<String> names = new ArrayList<>(scenarioCount);
        for (int i = 0; i < scenarioCount; i++) {
            names.add(readString());
        }
        scenarios = List.copyOf(names);
        int assertionCount = in.readInt();
        for (int i = 0; i < assertionCount; i++) {
            in.skipNBytes(in.readInt()); // boopickle-encoded assertion: Gatling's own, we judge by ours
        }
        return new GatlingLogListener.Run(gatlingVersion, simulationClassName, runStartEpochMillis, runStartEpochMillis, scenarios);
    }

    /** The run, once, before the record that shows when its load began (Gatling's stamp if no user came first). */
    private void handOnRun(GatlingLogListener listener, long loadStartEpochMillis) {
        if (pendingRun != null) {
            GatlingLogListener.Run run = pendingRun;
            pendingRun = null;
            listener.onRun(new GatlingLogListener.Run(run.gatlingVersion(), run.simulationClassName(),
                    run.gatlingStartEpochMillis(), Math.max(run.gatlingStartEpochMillis(), loadStartEpochMillis), run.scenarios()));
        }
    }

    private GatlingLogListener.Request readRequest() throws IOException {
        List<String> groups = readGroups();
        String name = readCachedString();
        long start = runStartEpochMillis + in.readInt();
        long end = runStartEpochMillis + in.readInt();
        boolean ok = in.readBoolean();
        String message = readCachedString();
        return new GatlingLogListener.Request(name, groups, start, end, ok, message);
    }

    private GatlingLogListener.User readUser() throws IOException {
        int scenarioIndex = in.readInt();
        boolean start = in.readBoolean();
        long at = runStartEpochMillis + in.readInt();
        String scenario = scenarioIndex >= 0 && scenarioIndex < scenarios.size() ? scenarios.get(scenarioIndex) : "?";
        return new GatlingLogListener.User(scenario, start, at);
    }

    private void skipGroup() throws IOException {
        readGroups();
        in.readInt(); // start
        in.readInt(); // end
        in.readInt(); // cumulated response time
        in.readBoolean();
    }

    private List<String> readGroups() throws IOException {
        int count = in.readInt();
        if (count == 0) {
            return List.of();
        }
        List<String> groups = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            groups.add(readCachedString());
        }
        return groups;
    }

    private String readCachedString() throws IOException {
        int index = in.readInt();
        if (index >= 0) {
            String value = readString();
            stringCache.put(index, value);
            return value;
        }
        String cached = stringCache.get(-index);
        if (cached == null) {
            throw new IOException("corrupt simulation.log: string #" + -index + " used before it was defined");
        }
        return cached;
    }

    private String readString() throws IOException {
        int length = in.readInt();
        if (length == 0) {
            return "";
        }
        byte[] value = in.readNBytes(length);
        if (value.length < length) {
            throw new EOFException();
        }
        byte coder = in.readByte();
        return new String(value, coder == 0 ? StandardCharsets.ISO_8859_1 : UTF16_NATIVE);
    }
}
