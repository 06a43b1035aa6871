package dev.meridian.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  private long now;
  private final Deadlines deadlines = new Deadlines(() -> now);
  private final List<String> expired = new ArrayList<>();

  private final class Named extends Deadlines.Entry {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    void expired() {
      expired.add(name);
    }
  }

  @Test
  void expiresOnlyEntriesWhoseDeadlineHasPassed() {
    Named a = new Named("a");
    Named b = new Named("b");
    deadlines.arm(a, 100);
    deadlines.arm(b, 200);

    now = 99;
    deadlines.sweep();
    assertThat(expired).isEmpty();

    now = 100;
    deadlines.sweep();
    assertThat(expired).containsExactly("a");
    assertThat(deadlines.size()).isEqualTo(1);
  }

  @Test
  void expiresAnEntryOnlyOnce() {
    Named a = new Named("a");
    deadlines.arm(a, 10);
    now = 50;

    deadlines.sweep();
    deadlines.sweep();

    assertThat(expired).containsExactly("a");
    assertThat(deadlines.size()).isZero();
  }

  @Test
  void movingADeadlineKeepsOneEntry() {
    Named a = new Named("a");
    deadlines.arm(a, 10);
    deadlines.arm(a, 1_000);
    now = 500;

    deadlines.sweep();

    assertThat(expired).isEmpty();
    assertThat(deadlines.size()).isEqualTo(1);
  }

  @Test
  void disarmedEntriesNeverExpire() {
    Named a = new Named("a");
    Named b = new Named("b");
    Named c = new Named("c");
    deadlines.arm(a, 10);
    deadlines.arm(b, 10);
    deadlines.arm(c, 10);
    deadlines.disarm(b);
    deadlines.disarm(b);
    now = 10;

    deadlines.sweep();

    assertThat(expired).containsExactlyInAnyOrder("a", "c");
    assertThat(deadlines.size()).isZero();
  }

  @Test
  void handlesTickerWrapAround() {
    Named a = new Named("a");
    now = Long.MAX_VALUE - 5;
    deadlines.arm(a, now + 10); // overflows to a negative number

    deadlines.sweep();
    assertThat(expired).isEmpty();

    now += 10;
    deadlines.sweep();
    assertThat(expired).containsExactly("a");
  }
}
