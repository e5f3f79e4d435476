package io.stella.harness.latency;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceContextTest {

    @Test
    void aTraceContextIsW3csFormatWithItsTraceIdAsTheRequestId() {
        TraceContext trace = TraceContext.newRoot(false);

        assertTrue(trace.traceparent().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), trace.traceparent());
        assertEquals("00-" + trace.traceId() + "-" + trace.spanId() + "-00", trace.traceparent());
        assertEquals(trace.traceId(), trace.requestId());
        assertTrue(!trace.traceId().equals("0".repeat(32)) && !trace.spanId().equals("0".repeat(16)));
        assertNotEquals(TraceContext.newRoot(false).traceId(), trace.traceId(), "each request its own trace");
    }

    @Test
    void anUnsampledTraceCarriesFlags00SoATargetThatFollowsItsCallerRecordsNone() {
        assertTrue(TraceContext.newRoot(false).traceparent().endsWith("-00"));
    }

    @Test
    void aSampledTraceCarriesFlags01() {
        TraceContext trace = TraceContext.newRoot(true);

        assertEquals("00-" + trace.traceId() + "-" + trace.spanId() + "-01", trace.traceparent());
    }
}
