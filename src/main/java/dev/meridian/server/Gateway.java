package dev.meridian.server;

import dev.meridian.common.Ticker;
import dev.meridian.config.GatewayConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;

/** A running Meridian: HTTP servers on every event loop sharing one port. */
public final class Gateway {

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final int port;
  private final List<String> deploymentIds;

  private Gateway(Vertx vertx, boolean ownsVertx, int port, List<String> deploymentIds) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.port = port;
    this.deploymentIds = deploymentIds;
  }

  /** The number of event loops Meridian uses when the configuration leaves it open. */
  public static int defaultEventLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Makes a Vert.x instance sized for Meridian, preferring the native (epoll) transport. */
  public static Vertx newVertx(GatewayConfig config) {
    return newVertx(
        config.server().eventLoops() > 0 ? config.server().eventLoops() : defaultEventLoops());
  }

  /** Makes a Vert.x instance with {@code eventLoops} loops, preferring the native transport. */
  public static Vertx newVertx(int eventLoops) {
    return Vertx.vertx(
        new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops));
  }

  /** Starts Meridian on its own Vert.x instance, closed again by {@link #close()}. */
  public static Future<Gateway> start(GatewayConfig config) {
    Vertx vertx = newVertx(config);
    Promise<Gateway> started = Promise.promise();
    start(vertx, config, Ticker.system(), true)
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
    return start(vertx, config, ticker, false);
  }

  private static Future<Gateway> start(
      Vertx vertx, GatewayConfig config, Ticker ticker, boolean ownsVertx) {
    int instances =
        config.server().eventLoops() > 0 ? config.server().eventLoops() : defaultEventLoops();
    int port = config.server().port();
    if (port != 0) {
      return deploy(vertx, config, ticker, port, instances)
          .map(id -> new Gateway(vertx, ownsVertx, port, List.of(id)));
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
                  .map(id -> new Gateway(vertx, ownsVertx, chosen, List.of(id)));
            });
  }

  private static Future<String> deploy(
      Vertx vertx, GatewayConfig config, Ticker ticker, int port, int instances) {
    return vertx.deployVerticle(
        () -> new ServerVerticle(config, ticker, port),
        new DeploymentOptions().setInstances(instances));
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
    if (ownsVertx) {
      return vertx.close();
    }
    return Future.all(deploymentIds.stream().map(vertx::undeploy).toList()).mapEmpty();
  }
}
