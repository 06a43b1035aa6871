package dev.meridian.proxy;

import dev.meridian.common.Ticker;

/**
 * The deadlines of one event loop's in-flight exchanges, checked by one periodic sweep rather than
 * a timer per request: arming, moving and clearing a deadline are field writes and list links, with
 * no timer scheduled or cancelled on the hot path. Single-threaded: only its event loop uses it.
 */
final class Deadlines {

  /** Something with a deadline; linked into the list while armed. */
  abstract static class Entry {
    private Entry prev;
    private Entry next;
    private boolean armed;
    long deadline;

    /** Called once by the sweep when {@code deadline} has passed; the entry is already disarmed. */
    abstract void expired();
  }

  private final Ticker ticker;
  private Entry head;
  private int size;

  Deadlines(Ticker ticker) {
    this.ticker = ticker;
  }

  long now() {
    return ticker.read();
  }

  /** Arms or moves {@code e}'s deadline to {@code deadline} (a {@link Ticker} reading). */
  void arm(Entry e, long deadline) {
    e.deadline = deadline;
    if (!e.armed) {
      e.armed = true;
      e.prev = null;
      e.next = head;
      if (head != null) {
        head.prev = e;
      }
      head = e;
      size++;
    }
  }

  void disarm(Entry e) {
    if (!e.armed) {
      return;
    }
    e.armed = false;
    if (e.prev != null) {
      e.prev.next = e.next;
    } else {
      head = e.next;
    }
    if (e.next != null) {
      e.next.prev = e.prev;
    }
    e.prev = null;
    e.next = null;
    size--;
  }

  /** Expires every entry whose deadline has passed. */
  void sweep() {
    long now = ticker.read();
    Entry e = head;
    while (e != null) {
      Entry next = e.next;
      if (now - e.deadline >= 0) {
        disarm(e);
        e.expired();
      }
      e = next;
    }
  }

  int size() {
    return size;
  }
}
