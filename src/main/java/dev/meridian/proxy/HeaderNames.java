package dev.meridian.proxy;

import io.netty.util.AsciiString;
import java.util.Set;

/**
 * A fixed set of header names, matched case-insensitively without allocating: the hot path asks it
 * about every header of every request and response.
 */
final class HeaderNames {

  private final AsciiString[] table;
  private final int mask;

  HeaderNames(Set<String> names) {
    int size = Integer.highestOneBit(Math.max(4, names.size() * 4) - 1) << 1;
    this.table = new AsciiString[size];
    this.mask = size - 1;
    for (String name : names) {
      int i = AsciiString.hashCode(name) & mask;
      while (table[i] != null) {
        i = (i + 1) & mask;
      }
      table[i] = AsciiString.of(name);
    }
  }

  boolean contains(CharSequence name) {
    int i = AsciiString.hashCode(name) & mask;
    AsciiString candidate;
    while ((candidate = table[i]) != null) {
      if (candidate.contentEqualsIgnoreCase(name)) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }
}
