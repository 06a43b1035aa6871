package dev.meridian.cli;

import dev.meridian.config.ServerConfig;
import dev.meridian.server.Gateway;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meridian demo}: simulated providers in three regions behind a local gateway. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run Meridian in front of simulated providers in three regions (no keys needed).")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-p", "--port"},
      defaultValue = "8080",
      paramLabel = "N",
      description = "Port for the gateway (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--port: " + port + " (expected: 0..65535)");
    }
    Vertx vertx = Gateway.newVertx(Gateway.defaultEventLoops(), ServerConfig.Transport.AUTO);
    Demo demo;
    try {
      demo = Demo.start(vertx, port).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    spec.commandLine().getOut().println(demo.banner());
    spec.commandLine().getOut().flush();
    Shutdown.await(vertx::close);
    return Main.EXIT_OK;
  }
}
