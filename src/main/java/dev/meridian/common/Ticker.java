package dev.meridian.common;

/** A source of monotonic nanoseconds, injected so that time-dependent logic can be tested. */
@FunctionalInterface
public interface Ticker {

  long read();

  static Ticker system() {
    return System::nanoTime;
  }
}
