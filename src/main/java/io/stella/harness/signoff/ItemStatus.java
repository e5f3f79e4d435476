package io.stella.harness.signoff;

/**
 * An item's outcome. INCONCLUSIVE: something was measured but cannot carry a verdict (too few
 * samples, the injector itself behind). NOT_RUN: nothing in this run produced evidence for it.
 */
public enum ItemStatus { PASS, FAIL, INCONCLUSIVE, NOT_RUN }
