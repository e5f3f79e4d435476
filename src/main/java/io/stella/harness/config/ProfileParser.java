package io.stella.harness.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a profile file into a {@link ProfileDocument}, strictly: no unknown or duplicate fields, no
 * strings for numbers, no fractions for whole numbers. Jackson's errors become one-line problems
 * with the file and the JSON path.
 */
final class ProfileParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // A number or true where text belongs is a mistake too, not a string to make of it.
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private ProfileParser() {
    }

    /** The document; unknown fields go to {@code problems} so they are reported with the rest. */
    static ProfileDocument parse(Path file, String source, ConfigProblems problems) {
        return parse(file, source, problems, ProfileDocument.class);
    }

    /** A profile or a file it refers to, read as strictly. */
    static <T> T parse(Path file, String source, ConfigProblems problems, Class<T> type) {
        UnknownFields unknownFields = new UnknownFields(problems);
        try {
            T document = MAPPER.readerFor(type).withHandler(unknownFields).readValue(Files.readString(file));
            if (document == null) {
                throw new ConfigException(source + ": the file is empty; it must hold a JSON object");
            }
            return document;
        } catch (NoSuchFileException e) {
            throw new ConfigException(source + ": no such file");
        } catch (MismatchedInputException e) {
            throw new ConfigException(source + ": " + pointer(e) + " must be " + expected(e.getTargetType())
                    + " (" + firstLine(e.getOriginalMessage()) + ")" + at(e));
        } catch (JsonProcessingException e) {
            String where = e instanceof DatabindException databind ? pointer(databind) + " " : "";
            throw new ConfigException(source + ": " + where + "is not valid JSON: " + firstLine(e.getOriginalMessage()) + at(e));
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read: " + e.getMessage());
        }
    }

    /** Notes every unknown field with a did-you-mean, skips it, and lets parsing go on to find the rest. */
    private static final class UnknownFields extends DeserializationProblemHandler {
        private final ConfigProblems problems;

        UnknownFields(ConfigProblems problems) {
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
                throws IOException {
            Collection<Object> knownIds = deserializer.getKnownPropertyNames();
            Collection<String> known = knownIds == null ? List.of() : knownIds.stream().map(Object::toString).toList();
            problems.add(pointer(parser.getParsingContext()), "is not a known field" + Suggestions.hint(propertyName, known)
                    + "; known here: " + String.join(", ", new TreeSet<>(known)));
            parser.skipChildren();
            return true;
        }
    }

    private static String pointer(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            parts.add(0, at.inArray() ? String.valueOf(at.getCurrentIndex()) : at.getCurrentName());
        }
        return "/" + String.join("/", parts);
    }

    private static String at(JsonProcessingException e) {
        var where = e.getLocation();
        return where == null || where.getLineNr() < 0 ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    private static String pointer(DatabindException e) {
        StringBuilder pointer = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                pointer.append('/').append(reference.getFieldName() != null
                        ? reference.getFieldName() : String.valueOf(reference.getIndex()));
            }
        }
        return pointer.isEmpty() ? "/" : pointer.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("").trim();
        int hint = line.indexOf(" (but could if coercion was enabled");
        return hint < 0 ? line : line.substring(0, hint); // Jackson's advice to its own users, not ours
    }

}
