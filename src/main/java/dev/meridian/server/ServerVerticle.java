package dev.meridian.server;

import dev.meridian.common.Ticker;
import dev.meridian.config.GatewayConfig;
import dev.meridian.proxy.GatewayHandler;
import dev.meridian.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** One event loop's share of Meridian: an HTTP server and its own upstream clients. */
final class ServerVerticle extends VerticleBase {

  private final GatewayConfig config;
  private final Ticker ticker;
  private final int port;
  private Upstreams upstreams;
  private HttpServer server;
  private GatewayHandler handler;

  ServerVerticle(GatewayConfig config, Ticker ticker, int port) {
    this.config = config;
    this.ticker = ticker;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    upstreams = new Upstreams(vertx, config);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.server().host())
            .setPort(port)
            .setTcpNoDelay(true)
            .setCompressionSupported(false)
            .setHandle100ContinueAutomatically(true)
            // Every response is written from this verticle's own event loop.
            .setStrictThreadMode(true);
    handler = new GatewayHandler(vertx, ticker, config, upstreams);
    server =
        vertx
            .createHttpServer(options)
            .requestHandler(handler)
            .invalidRequestHandler(handler::handleInvalid);
    return server.listen();
  }

  @Override
  public Future<?> stop() {
    handler.close();
    return server.close().eventually(upstreams::close);
  }

  int actualPort() {
    return server.actualPort();
  }
}
