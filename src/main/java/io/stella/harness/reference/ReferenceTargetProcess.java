package io.stella.harness.reference;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference target in a process of its own, for runs that carry real media: its LiveKit
 * stand-in runs libwebrtc for the agent, and a native fault there must end the target, not the run
 * that measures it. It gets the run's settings (secrets through its environment, never its command
 * line), picks a free port, and ends when the run closes it or when the run's process is gone.
 */
public final class ReferenceTargetProcess implements EmbeddedTarget {

    /** Settings a target reads, handed on to the child as they were given to the run. */
    private static final List<String> HANDED_ON = List.of("REFERENCE_", "STELLA_", "LIVEKIT_", "JWT_SECRET", "CORS_ORIGINS",
            "DATABASE_");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final long START_TIMEOUT_SEC = 60;

    private final Process process;
    private final ReferenceSettings settings;
    private final URI baseUrl;

    private ReferenceTargetProcess(Process process, ReferenceSettings settings, URI baseUrl) {
        this.process = process;
        this.settings = settings;
        this.baseUrl = baseUrl;
    }

    /** Starts it with these settings (their made-up secrets included) and waits until it listens. */
    public static ReferenceTargetProcess start(Settings given, ReferenceSettings settings) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-D" + ReferenceTargetMain.EXIT_WITH_PARENT + "=true",
                "-D" + ReferenceTargetMain.WARM_UP_MEDIA + "=true",
                "-cp", System.getProperty("java.class.path"), ReferenceTargetMain.class.getName());
        Map<String, String> environment = builder.environment();
        environment.putAll(given.named(HANDED_ON));
        environment.put("STELLA_CLIENT_ID", settings.clientId());
        environment.put("STELLA_CLIENT_SECRET", settings.clientSecret());
        environment.put("JWT_SECRET", settings.jwtSecret());
        environment.put("LIVEKIT_API_KEY", settings.livekit().apiKey());
        environment.put("LIVEKIT_API_SECRET", settings.livekit().apiSecret());
        environment.put(ReferenceSettings.PORT, Integer.toString(settings.port()));
        builder.redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ConfigException("the embedded reference target could not start: " + e.getMessage());
        }
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Deque<String> lastLines = new ArrayDeque<>();
        Thread output = new Thread(() -> readOutput(process, listening, lastLines), "reference-target-output");
        output.setDaemon(true);
        output.start();
        try {
            URI baseUrl = listening.get(START_TIMEOUT_SEC, TimeUnit.SECONDS);
            ReferenceTargetProcess started = new ReferenceTargetProcess(process, settings, baseUrl);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "reference-target-stop"));
            return started;
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String said;
            synchronized (lastLines) {
                said = String.join(" / ", lastLines);
            }
            throw new ConfigException("the embedded reference target did not start"
                    + (said.isBlank() ? " within " + START_TIMEOUT_SEC + " s" : ": " + said));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ConfigException("interrupted while the embedded reference target started");
        }
    }

    /** Its output goes nowhere but the line that says where it listens, and the last lines, should it fail to start. */
    private static void readOutput(Process process, CompletableFuture<URI> listening, Deque<String> lastLines) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(URI.create(matcher.group(1)));
                }
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 5) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        listening.completeExceptionally(new IllegalStateException("exited"));
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public String livekitUrl() {
        String external = settings.livekit().url();
        return external != null ? external : "ws://" + baseUrl.getHost() + ":" + baseUrl.getPort();
    }

    @Override
    public ReferenceSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
