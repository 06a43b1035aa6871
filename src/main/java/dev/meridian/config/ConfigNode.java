package dev.meridian.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A position in the parsed YAML tree that knows its own path ({@code endpoints[3].region}) and
 * records what is wrong with it instead of throwing, so one start reports every problem.
 */
final class ConfigNode {

  private final JsonNode node;
  private final String path;
  private final Problems problems;

  ConfigNode(JsonNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Collects problems and the environment used for {@code ${VAR}}. */
  static final class Problems {
    final List<String> list = new ArrayList<>();
    final Function<String, String> env;

    Problems(Function<String, String> env) {
      this.env = env;
    }
  }

  String path() {
    return path;
  }

  boolean isMissing() {
    return node == null || node.isMissingNode() || node.isNull();
  }

  void problem(String message) {
    problems.list.add((path.isEmpty() ? "" : path + ": ") + message);
  }

  ConfigNode get(String field) {
    JsonNode child = node == null ? null : node.get(field);
    return new ConfigNode(child, path.isEmpty() ? field : path + "." + field, problems);
  }

  /** True when this node is an object or absent; records a problem otherwise. */
  boolean expectObject() {
    if (isMissing() || node.isObject()) {
      return true;
    }
    problem("expected a mapping, got " + describe());
    return false;
  }

  /** Records each field not in {@code allowed}. */
  void rejectUnknown(Set<String> allowed) {
    if (isMissing() || !node.isObject()) {
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        get(name)
            .problem("unknown key (expected one of: " + String.join(", ", sorted(allowed)) + ")");
      }
    }
  }

  boolean isList() {
    return node != null && node.isArray();
  }

  List<ConfigNode> items() {
    List<ConfigNode> out = new ArrayList<>();
    if (isMissing()) {
      return out;
    }
    if (!node.isArray()) {
      problem("expected a list, got " + describe());
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      out.add(new ConfigNode(node.get(i), path + "[" + i + "]", problems));
    }
    return out;
  }

  /** The entries of a mapping, in file order. */
  List<Map.Entry<String, ConfigNode>> entries() {
    List<Map.Entry<String, ConfigNode>> out = new ArrayList<>();
    if (isMissing() || !expectObject()) {
      return out;
    }
    node.fieldNames().forEachRemaining(name -> out.add(Map.entry(name, get(name))));
    return out;
  }

  /** The value as written, without substitution and without recording problems. */
  Optional<String> rawText() {
    return isMissing() || !node.isValueNode() ? Optional.empty() : Optional.of(node.asText());
  }

  Optional<String> string() {
    if (isMissing()) {
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      problem("expected a value, got " + describe());
      return Optional.empty();
    }
    try {
      return Optional.of(EnvSubstitution.expand(node.asText(), problems.env));
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return Optional.empty();
    }
  }

  Optional<String> requiredString() {
    Optional<String> s = string();
    if (s.isEmpty() && isMissing()) {
      problem("required");
    } else if (s.isPresent() && s.get().isBlank()) {
      problem("must not be empty");
      return Optional.empty();
    }
    return s;
  }

  /**
   * A required string that must not repeat: a value already in {@code seen} is recorded as a
   * problem worded by {@code duplicate} (which never has to echo the value, e.g. for secrets).
   */
  Optional<String> requiredUnique(Set<String> seen, Function<String, String> duplicate) {
    Optional<String> value = requiredString();
    value.filter(v -> !seen.add(v)).ifPresent(v -> problem(duplicate.apply(v)));
    return value;
  }

  Optional<Long> integer(long min, long max) {
    return string()
        .flatMap(
            s -> {
              try {
                long v = Long.parseLong(s.trim());
                if (v < min || v > max) {
                  problem(v + " (expected: " + min + ".." + max + ")");
                  return Optional.empty();
                }
                return Optional.of(v);
              } catch (NumberFormatException e) {
                problem("\"" + s + "\" is not a whole number");
                return Optional.empty();
              }
            });
  }

  Optional<BigDecimal> decimal() {
    return string()
        .flatMap(
            s -> {
              try {
                BigDecimal v = new BigDecimal(s.trim());
                if (v.signum() < 0) {
                  problem(v.toPlainString() + " (expected: >= 0)");
                  return Optional.empty();
                }
                return Optional.of(v);
              } catch (NumberFormatException e) {
                problem("\"" + s + "\" is not a number");
                return Optional.empty();
              }
            });
  }

  Optional<Duration> duration() {
    return string()
        .flatMap(
            s -> {
              try {
                Duration d = dev.meridian.common.Durations.parse(s);
                if (d.isZero()) {
                  problem(s + " (expected: > 0)");
                  return Optional.empty();
                }
                return Optional.of(d);
              } catch (IllegalArgumentException e) {
                problem(e.getMessage());
                return Optional.empty();
              }
            });
  }

  /** Sizes such as {@code 10MiB}, {@code 512KiB} or a plain number of bytes. */
  Optional<Long> size() {
    return string()
        .flatMap(
            s -> {
              String t = s.trim();
              long unit = 1;
              for (String[] u :
                  new String[][] {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}}) {
                if (t.endsWith(u[0])) {
                  unit = Long.parseLong(u[1]);
                  t = t.substring(0, t.length() - u[0].length()).trim();
                }
              }
              try {
                long v = Math.multiplyExact(Long.parseLong(t), unit);
                if (v <= 0) {
                  problem(s + " (expected: > 0)");
                  return Optional.empty();
                }
                return Optional.of(v);
              } catch (ArithmeticException e) {
                problem("\"" + s + "\" is too large");
                return Optional.empty();
              } catch (NumberFormatException e) {
                problem(
                    "\""
                        + s
                        + "\" is not a size (expected: bytes, or a number with KiB, MiB or GiB)");
                return Optional.empty();
              }
            });
  }

  private String describe() {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "\"" + node.asText() + "\"";
  }

  private static List<String> sorted(Set<String> names) {
    List<String> l = new ArrayList<>(names);
    l.sort(null);
    return l;
  }
}
