package dev.meridian.api.openai;

/**
 * The OpenAI operations Meridian relays, with the path under {@code /v1} and the body field each
 * requires.
 */
public enum Operation {
  CHAT_COMPLETIONS("/chat/completions", "messages"),
  COMPLETIONS("/completions", "prompt"),
  EMBEDDINGS("/embeddings", "input");

  private final String path;
  private final String requiredField;

  Operation(String path, String requiredField) {
    this.path = path;
    this.requiredField = requiredField;
  }

  /** The path below the API base, e.g. {@code /chat/completions}. */
  public String path() {
    return path;
  }

  /** The body field besides {@code model} that the operation cannot do without. */
  public String requiredField() {
    return requiredField;
  }

  public boolean canStream() {
    return this != EMBEDDINGS;
  }
}
