package dev.meridian.config;

import java.util.List;

/** A configuration that cannot be used; the message names the file and each path that is wrong. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(format(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code path: what is wrong}. */
  public List<String> problems() {
    return problems;
  }

  private static String format(String source, List<String> problems) {
    if (problems.size() == 1) {
      return source + ": " + problems.get(0);
    }
    StringBuilder sb = new StringBuilder(source).append(": ").append(problems.size());
    sb.append(" problems");
    for (String p : problems) {
      sb.append("\n  ").append(source).append(": ").append(p);
    }
    return sb.toString();
  }
}
