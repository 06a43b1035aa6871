package dev.meridian.api.openai;

/**
 * What routing needs from an OpenAI request body, read without building a JSON tree.
 *
 * @param modelStart byte offset of the opening quote of the {@code model} value
 * @param modelEnd byte offset just past its closing quote
 */
public record RequestHead(
    Operation operation,
    String model,
    boolean stream,
    boolean includeUsage,
    int modelStart,
    int modelEnd) {}
