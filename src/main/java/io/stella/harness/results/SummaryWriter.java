package io.stella.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code summary.json} atomically, pretty-printed so a person can read it too. */
public final class SummaryWriter {

    public static final String FILE_NAME = "summary.json";
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SummaryWriter() {
    }

    public static Path write(Path runFolder, Summary summary) throws IOException {
        Path file = runFolder.resolve(FILE_NAME);
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(summary));
        return file;
    }
}
