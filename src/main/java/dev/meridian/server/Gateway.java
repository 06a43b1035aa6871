package dev.meridian.server;

import dev.meridian.common.Ticker;
import dev.meridian.config.GatewayConfig;
import dev.meridian.config.ServerConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Meridian: HTTP servers on every event loop sharing one port. */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final int port;
  private final List<String> deploymentIds;
  private final String transport;

  private Gateway(Vertx vertx, String transport, int port, List<String> deploymentIds) {
    this.vertx = vertx;
    this.transport = transport;
    this.port = port;
    this.deploymentIds = deploymentIds;
  }

  /** The number of event loops Meridian uses when the configuration leaves it open. */
  public static int defaultEventLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Makes a Vert.x instance sized and wired (transport) as the configuration says. */
  private static int eventLoops(GatewayConfig config) {
    return config.server().eventLoops() > 0 ? config.server().eventLoops() : defaultEventLoops();
  }

  /**
   * Makes a Vert.x instance with {@code eventLoops} loops. {@code AUTO} takes io_uring where the
   * kernel allows it (fewest system calls: submissions are batched), else epoll, else NIO; an
   * explicit choice that this machine cannot honour falls back the same way, with a warning.
   */
  public static Vertx newVertx(int eventLoops, ServerConfig.Transport wanted) {
    return newVertx(eventLoops, pick(wanted));
  }

  private static Vertx newVertx(int eventLoops, Transport transport) {
    LOG.info("network transport: {} ({} event loop(s))", transport.name(), eventLoops);
    return Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(eventLoops))
        .withTransport(transport)
        .build();
  }

  private static Transport pick(ServerConfig.Transport wanted) {
    Transport chosen;
    switch (wanted) {
      case IO_URING:
        chosen = Transport.IO_URING;
        break;
      case EPOLL:
        chosen = Transport.EPOLL;
        break;
      case NIO:
        return Transport.NIO;
      default:
        chosen = Transport.IO_URING.available() ? Transport.IO_URING : Transport.EPOLL;
    }
    if (chosen.available()) {
      return chosen;
    }
    if (wanted != ServerConfig.Transport.AUTO) {
      LOG.warn(
          "transport {} is not available here ({}); falling back",
          chosen.name(),
          String.valueOf(chosen.unavailabilityCause()));
    }
    return Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
  }

  /** Starts Meridian on its own Vert.x instance, closed again by {@link #close()}. */
  public static Future<Gateway> start(GatewayConfig config) {
    Transport transport = pick(config.server().transport());
    Vertx vertx = newVertx(eventLoops(config), transport);
    Promise<Gateway> started = Promise.promise();
    start(vertx, config, Ticker.system(), transport.name())
        .onSuccess(started::complete)
        .onFailure(
            e -> {
              started.fail(e);
              // Fire and forget: a listener on this close would wait for an event loop it stops.
              vertx.close();
            });
    return started.future();
  }

  /** Starts Meridian on an existing Vert.x instance, which {@link #close()} leaves running. */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Ticker ticker) {
    return start(vertx, config, ticker, null);
  }

  private static Future<Gateway> start(
      Vertx vertx, GatewayConfig config, Ticker ticker, String ownTransport) {
    int instances = eventLoops(config);
    int port = config.server().port();
    if (port != 0) {
      return deploy(vertx, config, ticker, port, instances)
          .map(id -> new Gateway(vertx, ownTransport, port, List.of(id)));
    }
    // Port 0: one server finds a free port and gives it back, then every event loop shares it.
    // Nobody knows the port before start completes, so the moment between is never seen.
    ServerVerticle probe = new ServerVerticle(config, ticker, 0);
    return vertx
        .deployVerticle(probe)
        .compose(
            probeId -> {
              int chosen = probe.actualPort();
              return vertx
                  .undeploy(probeId)
                  .compose(v -> deploy(vertx, config, ticker, chosen, instances))
                  .map(id -> new Gateway(vertx, ownTransport, chosen, List.of(id)));
            });
  }

  private static Future<String> deploy(
      Vertx vertx, GatewayConfig config, Ticker ticker, int port, int instances) {
    return vertx.deployVerticle(
        () -> new ServerVerticle(config, ticker, port),
        new DeploymentOptions().setInstances(instances));
  }

  /** The network transport of the Vert.x instance Meridian made, or empty when it was given one. */
  public java.util.Optional<String> transport() {
    return java.util.Optional.ofNullable(transport);
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Stops accepting and closes upstream pools; when Meridian made its Vert.x instance, closes that
   * too (which undeploys everything). Call it from outside the event loops when Meridian owns the
   * instance: a callback on a closed event loop would never run.
   */
  public Future<Void> close() {
    if (transport != null) {
      return vertx.close();
    }
    return Future.all(deploymentIds.stream().map(vertx::undeploy).toList()).mapEmpty();
  }
}
