package io.stella.harness.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipped schemas (schemas/), for tests to hold real results against. */
public final class ResultSchemas {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonSchema SUMMARY = load(Path.of("schemas", "summary.schema.json"));
    static final JsonSchema SIGNOFF = load(Path.of("schemas", "signoff.schema.json"));

    private ResultSchemas() {
    }

    /** Asserts that a results folder's summary.json and signoff.json fit their schemas, naming every mismatch. */
    public static void assertValid(Path folder) throws IOException {
        assertFits(SUMMARY, folder.resolve(SummaryWriter.FILE_NAME));
        assertFits(SIGNOFF, folder.resolve("signoff.json"));
    }

    static List<String> problems(JsonSchema schema, JsonNode document) {
        return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static void assertFits(JsonSchema schema, Path file) throws IOException {
        assertEquals(List.of(), problems(schema, JSON.readTree(file.toFile())), file + " fits its schema");
    }

    private static JsonSchema load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
