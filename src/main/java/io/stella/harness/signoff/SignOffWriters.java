package io.stella.harness.signoff;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stella.harness.results.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a sign-off four ways into the run folder: {@code signoff.md} for people,
 * {@code signoff.html} with its plots, {@code signoff.json} for machines, {@code signoff-junit.xml}
 * with one test case per checklist item so that CI shows each item (FAIL and INCONCLUSIVE as
 * failures, NOT RUN as skipped).
 */
public final class SignOffWriters {

    public static final String MARKDOWN = "signoff.md";
    public static final String JSON = "signoff.json";
    public static final String JUNIT = "signoff-junit.xml";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SignOffWriters() {
    }

    public static void writeAll(Path folder, SignOff signOff) throws IOException {
        writeAll(folder, signOff, List.of());
    }

    /** @param plots SVG plots for signoff.html, in page order */
    public static void writeAll(Path folder, SignOff signOff, List<String> plots) throws IOException {
        writeAll(folder, signOff, plots, List.of());
    }

    /** @param changes the changes named over the history, in words, for signoff.md's trend section (none: no section) */
    public static void writeAll(Path folder, SignOff signOff, List<String> plots, List<String> changes) throws IOException {
        AtomicFiles.write(folder.resolve(MARKDOWN), (markdown(signOff) + trend(changes)).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve(SignOffHtml.FILE_NAME), SignOffHtml.render(signOff, plots).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve(JSON), MAPPER.writeValueAsBytes(signOff));
        AtomicFiles.write(folder.resolve(JUNIT), junit(signOff));
    }

    static String markdown(SignOff signOff) {
        StringBuilder md = new StringBuilder();
        md.append("# Sign-off: ").append(signOff.verdict()).append("\n\n");
        md.append("Simulation `").append(signOff.simulation()).append("`, profile `").append(signOff.profile())
                .append("`, target ").append(signOff.target()).append(", ").append(signOff.finishedAt()).append(".\n\n");
        md.append("| checklist item | section | status | why |\n|---|---|---|---|\n");
        for (ItemResult item : signOff.items()) {
            md.append("| ").append(item.item().title()).append(" | ").append(item.item().section()).append(" | **")
                    .append(label(item.status())).append("** | ").append(cell(item.reason())).append(" |\n");
        }
        md.append("\n## Evidence\n");
        for (ItemResult item : signOff.items()) {
            if (item.evidence().isEmpty()) {
                continue;
            }
            md.append("\n### ").append(item.item().title()).append(" (").append(item.source()).append(")\n\n");
            for (Map.Entry<String, Object> entry : item.evidence().entrySet()) {
                md.append("- ").append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
            }
        }
        return md.toString();
    }

    static String trend(List<String> changes) {
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Trend over the history\n\n");
        changes.forEach(change -> md.append("- ").append(change).append('\n'));
        return md.toString();
    }

    static byte[] junit(SignOff signOff) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "STELLA production checklist (" + signOff.profile() + ")");
            xml.writeAttribute("tests", Integer.toString(signOff.items().size()));
            xml.writeAttribute("failures", Long.toString(count(signOff, ItemStatus.FAIL) + count(signOff, ItemStatus.INCONCLUSIVE)));
            xml.writeAttribute("skipped", Long.toString(count(signOff, ItemStatus.NOT_RUN)));
            xml.writeAttribute("errors", "0");
            for (ItemResult item : signOff.items()) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "checklist." + item.item().section().replaceAll("[^A-Za-z]+", "_"));
                xml.writeAttribute("name", item.item().title());
                switch (item.status()) {
                    case FAIL, INCONCLUSIVE -> {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("type", item.status().name());
                        xml.writeAttribute("message", item.reason());
                        xml.writeCharacters(item.evidence().toString());
                        xml.writeEndElement();
                    }
                    case NOT_RUN -> {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", item.reason());
                        xml.writeEndElement();
                    }
                    case PASS -> xml.writeCharacters("");
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + JUNIT + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public static String label(ItemStatus status) {
        return status == ItemStatus.NOT_RUN ? "NOT RUN" : status.name();
    }

    private static long count(SignOff signOff, ItemStatus status) {
        return signOff.items().stream().filter(item -> item.status() == status).count();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
