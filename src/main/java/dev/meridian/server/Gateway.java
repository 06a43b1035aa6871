package dev.meridian.server;

import dev.meridian.common.Ticker;
import dev.meridian.config.GatewayConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** A running Meridian: HTTP servers on every event loop sharing one port. */
public final class Gateway {

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final int port;
  private final String deploymentId;

  private Gateway(Vertx vertx, boolean ownsVertx, int port, String deploymentId) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.port = port;
    this.deploymentId = deploymentId;
  }

  /** The number of event loops Meridian uses when the configuration leaves it open. */
  public static int defaultEventLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Makes a Vert.x instance sized for Meridian, preferring the native (epoll) transport. */
  public static Vertx newVertx(GatewayConfig config) {
    int loops =
        config.server().eventLoops() > 0 ? config.server().eventLoops() : defaultEventLoops();
    return Vertx.vertx(
        new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
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
    // The first server binds the configured port (0 picks a free one); the others then share
    // the port it got, so all event loops accept on the same socket.
    ServerVerticle first = new ServerVerticle(config, ticker, config.server().port());
    return vertx
        .deployVerticle(first)
        .compose(
            firstId -> {
              int port = first.actualPort();
              return vertx
                  .undeploy(firstId)
                  .compose(
                      v ->
                          vertx.deployVerticle(
                              () -> new ServerVerticle(config, ticker, port),
                              new DeploymentOptions().setInstances(instances)))
                  .map(id -> new Gateway(vertx, ownsVertx, port, id));
            });
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
    return ownsVertx ? vertx.close() : vertx.undeploy(deploymentId);
  }
}
