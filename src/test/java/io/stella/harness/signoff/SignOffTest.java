package io.stella.harness.signoff;

import io.stella.harness.config.Threshold;
import io.stella.harness.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignOffTest {

    static final Verdict P99_MET = new Verdict(new Threshold.PercentileLimit("all", 99, 250), Verdict.Status.PASS,
            "<= 250 ms", "31 ms", null);
    static final Verdict P99_MISSED = new Verdict(new Threshold.PercentileLimit("createSession", 99, 10), Verdict.Status.FAIL,
            "<= 10 ms", "42 ms", null);
    static final Verdict ERRORS_MISSED = new Verdict(new Threshold.ErrorRateLimit("all", 0.1), Verdict.Status.FAIL,
            "<= 0.1 %", "3 %", null);
    static final ItemResult KEEP_ALIVE_OK = new ItemResult(ChecklistItem.CONNECTION_REUSE, ItemStatus.PASS, "reused",
            Map.of("connectionsOpened", 1), "probe connectionReuse");
    static final ItemResult CACHE_MISSING = new ItemResult(ChecklistItem.CDN_CONFIGURED, ItemStatus.FAIL, "no Cache-Control",
            Map.of("Cache-Control", "(none)"), "probe staticAssetCaching");

    @TempDir
    Path dir;

    @Test
    void metTargetsAndPassingProbesAreAGo() {
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://t", List.of(P99_MET), List.of(KEEP_ALIVE_OK));

        assertTrue(signOff.go());
        assertEquals(ItemStatus.PASS, status(signOff, ChecklistItem.RESPONSE_TIME_TARGETS));
        assertEquals(ItemStatus.PASS, status(signOff, ChecklistItem.LOAD_TEST_RESULTS_ACCEPTABLE));
        assertEquals(ItemStatus.NOT_RUN, status(signOff, ChecklistItem.LOAD_TESTING_COMPLETED));
        assertEquals(ChecklistItem.values().length, signOff.items().size(), "every item is listed, run or not");
    }

    @Test
    void aMissedPercentileFailsResponseTimeTargetsAndMakesANoGo() {
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://t", List.of(P99_MET, P99_MISSED), List.of());

        assertFalse(signOff.go());
        ItemResult targets = item(signOff, ChecklistItem.RESPONSE_TIME_TARGETS);
        assertEquals(ItemStatus.FAIL, targets.status());
        assertEquals("FAIL createSession P99 <= 10 ms: required <= 10 ms, actual 42 ms", targets.reason());
    }

    @Test
    void aFailedErrorRateIsANoGoThoughNoPercentileMissed() {
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://t", List.of(P99_MET, ERRORS_MISSED), List.of());

        assertFalse(signOff.go());
        assertEquals(ItemStatus.PASS, status(signOff, ChecklistItem.RESPONSE_TIME_TARGETS));
        assertEquals("1 threshold(s) failed or inconclusive, 0 item(s) failed or inconclusive",
                item(signOff, ChecklistItem.LOAD_TEST_RESULTS_ACCEPTABLE).reason());
    }

    @Test
    void aFailedProbeIsANoGoNamingTheItem() {
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://t", List.of(P99_MET), List.of(CACHE_MISSING));

        assertFalse(signOff.go());
        assertEquals(List.of(ChecklistItem.CDN_CONFIGURED, ChecklistItem.LOAD_TEST_RESULTS_ACCEPTABLE),
                signOff.failing().stream().map(ItemResult::item).toList());
    }

    @Test
    void theJunitReportHasOneCasePerItemWithFailuresAndSkips() throws Exception {
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://t", List.of(P99_MET), List.of(CACHE_MISSING, KEEP_ALIVE_OK));
        SignOffWriters.writeAll(dir, signOff);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(SignOffWriters.JUNIT).toFile());
        Element suite = xml.getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals("testsuite", suite.getTagName());
        assertEquals(ChecklistItem.values().length, cases.getLength());
        assertEquals(Integer.toString(ChecklistItem.values().length), suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"), "CDN and the overall item");
        assertEquals(xml.getElementsByTagName("failure").getLength(), 2);
        assertEquals(signOff.items().stream().filter(i -> i.status() == ItemStatus.NOT_RUN).count(),
                xml.getElementsByTagName("skipped").getLength());
    }

    @Test
    void theMarkdownAndJsonNameEveryItemAndTheVerdict() throws Exception {
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://t", List.of(P99_MET), List.of(CACHE_MISSING));
        SignOffWriters.writeAll(dir, signOff);

        String markdown = Files.readString(dir.resolve(SignOffWriters.MARKDOWN));
        assertTrue(markdown.startsWith("# Sign-off: NO-GO"), markdown);
        for (ChecklistItem item : ChecklistItem.values()) {
            assertTrue(markdown.contains("| " + item.title() + " |"), item.title());
        }
        assertTrue(markdown.contains("| CDN configured | Performance / Latency | **FAIL** | no Cache-Control |"), markdown);
        assertTrue(markdown.contains("**NOT RUN**"));
        String json = Files.readString(dir.resolve(SignOffWriters.JSON));
        assertTrue(json.contains("\"verdict\" : \"NO-GO\""), json);
    }

    private static ItemStatus status(SignOff signOff, ChecklistItem item) {
        return item(signOff, item).status();
    }

    private static ItemResult item(SignOff signOff, ChecklistItem item) {
        return signOff.items().stream().filter(i -> i.item() == item).findFirst().orElseThrow();
    }
}
