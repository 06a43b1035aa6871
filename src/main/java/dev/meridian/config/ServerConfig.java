package dev.meridian.config;

/**
 * Where Meridian listens and how much it accepts.
 *
 * @param eventLoops 0 means one per available core
 * @param transport the network I/O mechanism
 */
public record ServerConfig(
    String host, int port, String region, long maxBodyBytes, int eventLoops, Transport transport) {

  /** How sockets are driven: {@code AUTO} takes the fastest one this machine offers. */
  public enum Transport {
    AUTO,
    IO_URING,
    EPOLL,
    NIO
  }

  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("max-body-size: " + maxBodyBytes + " (expected: > 0)");
    }
    if (eventLoops < 0) {
      throw new IllegalArgumentException("event-loops: " + eventLoops + " (expected: >= 0)");
    }
  }
}
