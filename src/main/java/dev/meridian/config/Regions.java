package dev.meridian.config;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/** The region names Meridian knows without being told, and a typo helper for errors. */
public final class Regions {

  /** Cloud regions in the common {@code area-direction-N} spelling, plus mainland China zones. */
  public static final Set<String> KNOWN =
      Set.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "ca-central-1",
          "sa-east-1",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-central-1",
          "eu-central-2",
          "eu-north-1",
          "eu-south-1",
          "me-central-1",
          "me-south-1",
          "af-south-1",
          "ap-south-1",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-east-1",
          "cn-east",
          "cn-north",
          "cn-south");

  private Regions() {}

  /** The closest known name to {@code name}, when it is probably a typo of it. */
  static Optional<String> suggest(String name, Set<String> known) {
    return known.stream()
        .filter(k -> distance(k, name) <= 2)
        .min(Comparator.comparingInt(k -> distance(k, name)));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static boolean check(ConfigNode at, String region, Set<String> known) {
    if (known.contains(region)) {
      return true;
    }
    String hint =
        Regions.suggest(region, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    at.problem("unknown region \"" + region + "\"" + hint);
    return false;
  }
}
