package io.stella.harness.config;

/**
 * A sudden surge inside the steady phase: {@code atSec} seconds into it the arrival rate jumps to
 * {@code factor} times, holds for {@code holdSec}, and drops straight back.
 */
public record Spike(double factor, int atSec, int holdSec) {
}
