package dev.meridian.config;

import java.util.function.Function;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in a configuration value; {@code $$} is a
 * literal {@code $}. Substitution runs on scalar values after YAML parsing, so a variable can never
 * change the structure of the file.
 */
final class EnvSubstitution {

  private EnvSubstitution() {}

  /**
   * @throws IllegalArgumentException naming the variable that is unset or the syntax that is wrong
   */
  static String expand(String value, Function<String, String> env) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
      } else if (i + 1 < value.length() && value.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
      } else if (i + 1 < value.length() && value.charAt(i + 1) == '{') {
        int end = value.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed \"${\" in \"" + value + "\"");
        }
        out.append(resolve(value.substring(i + 2, end), env));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String resolve(String expression, Function<String, String> env) {
    int sep = expression.indexOf(":-");
    String name = sep < 0 ? expression : expression.substring(0, sep);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("invalid variable name \"" + name + "\" in ${...}");
    }
    String found = env.apply(name);
    if (found != null && !found.isEmpty()) {
      return found;
    }
    if (sep >= 0) {
      return expression.substring(sep + 2);
    }
    throw new IllegalArgumentException("environment variable " + name + " is not set");
  }
}
