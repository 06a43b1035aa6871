package dev.meridian.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's tokenizer: a token is a word or one punctuation mark, with the whitespace before
 * it. Prompt and completion counts both come from here, so usage always matches the text.
 */
public final class SimTokens {

  private static final Pattern TOKEN = Pattern.compile("\\s*(\\w+|[^\\w\\s])");

  private SimTokens() {}

  public static int count(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int n = 0;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The text cut into tokens; joined again they give the text back (trailing space aside). */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
