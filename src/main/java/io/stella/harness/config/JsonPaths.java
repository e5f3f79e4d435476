package io.stella.harness.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.regex.Pattern;

/**
 * The part of JSONPath a contract may use, so that Gatling's {@code jsonPath(...)} checks and the
 * harness's own readers (probes, token fetches) find the same value: {@code $} followed by
 * {@code .name} steps and {@code [index]} steps, e.g. {@code $.data.session.id} or {@code $.items[0].id}.
 */
public final class JsonPaths {

    static final Pattern SIMPLE = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[\\d+])+");

    private JsonPaths() {
    }

    public static boolean isSimple(String path) {
        return path != null && SIMPLE.matcher(path).matches();
    }

    /** Whether every step names a field (no index), so that a value can be written there. */
    public static boolean isDotted(String path) {
        return isSimple(path) && !path.contains("[");
    }

    /** The same location as a JSON Pointer: {@code $.a.b[0]} is {@code /a/b/0}. */
    public static JsonPointer pointer(String path) {
        return JsonPointer.compile(path.substring(1).replace(".", "/").replaceAll("\\[(\\d+)]", "/$1"));
    }

    /** The node at {@code path}, or a missing node. */
    public static JsonNode read(JsonNode root, String path) {
        return root.at(pointer(path));
    }

    /** Writes {@code value} at a dotted path, making the objects on the way. */
    public static void write(ObjectNode root, String dottedPath, JsonNode value) {
        String[] steps = dottedPath.substring(2).split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = parent.get(steps[i]);
            parent = next instanceof ObjectNode object ? object : parent.putObject(steps[i]);
        }
        parent.set(steps[steps.length - 1], value);
    }

    /** The dotted path of the object holding the last step ({@code $} for a top-level field). */
    public static String parentOf(String dottedPath) {
        int last = dottedPath.lastIndexOf('.');
        return last <= 1 ? "$" : dottedPath.substring(0, last);
    }
}
