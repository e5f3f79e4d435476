package io.stella.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.Planning;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * A capacity search's steps as one injector measured them ({@code steps.json}): each step's rate
 * and, per request name and {@code all}, its latencies (an HdrHistogram, compressed, base64) and
 * failures by kind, so that the judge can merge the steps of a sharded search and find the knee on
 * the merge, as exactly as it merges a run's measured window.
 */
public final class StepsFile {

    public static final String FILE_NAME = "steps.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StepsFile() {
    }

    /**
     * @param holdSec  how long each step is held
     * @param planning the profile's planning inputs (whole run, not this injector's share), or null
     */
    public record Document(int holdSec, Planning planning, List<Step> steps) {
    }

    /** One step: the rate this injector ran it at, and its windows. */
    public record Step(int step, double ratePerSec, Map<String, Window> windows) {
    }

    public record Window(String latencyMicros, Map<ErrorKind, Long> errorsByKind) {

        public static Window of(LatencyWindow window) {
            Histogram latencies = window.latencyMicros();
            ByteBuffer buffer = ByteBuffer.allocate(latencies.getNeededByteBufferCapacity());
            int length = latencies.encodeIntoCompressedByteBuffer(buffer);
            Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
            errors.putAll(window.errorsByKind());
            return new Window(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)), errors);
        }

        /** Adds this window's latencies and failures to {@code into}. */
        public void addTo(LatencyWindow into) throws IOException {
            try {
                into.addLatencies(Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder().decode(latencyMicros)), 0));
            } catch (DataFormatException | IllegalArgumentException e) {
                throw new IOException("a step's histogram cannot be read (" + e.getMessage() + ")");
            }
            errorsByKind.forEach(into::addErrors);
        }
    }

    public static Step step(int step, double ratePerSec, Map<String, LatencyWindow> windows) {
        Map<String, Window> encoded = new LinkedHashMap<>();
        windows.forEach((name, window) -> encoded.put(name, Window.of(window)));
        return new Step(step, ratePerSec, encoded);
    }

    public static void write(Path folder, Document document) throws IOException {
        AtomicFiles.write(folder.resolve(FILE_NAME), JSON.writeValueAsBytes(document));
    }

    /** The steps a results folder recorded, or null for a run that was no capacity search. */
    public static Document read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), Document.class) : null;
    }
}
