package dev.meridian.cli;

import dev.meridian.config.ConfigLoader;
import dev.meridian.config.GatewayConfig;
import dev.meridian.server.Gateway;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meridian serve --config FILE}: runs the gateway until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "Configuration file (YAML or JSON).")
  Path config;

  @Option(names = "--check", description = "Validate the configuration and exit without serving.")
  boolean check;

  @Override
  public Integer call() throws Exception {
    GatewayConfig cfg = ConfigLoader.load(config);
    if (check) {
      spec.commandLine().getOut().println(config + ": configuration is valid");
      return Main.EXIT_OK;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(cfg).toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          "cannot serve on "
              + cfg.server().host()
              + ":"
              + cfg.server().port()
              + ": "
              + e.getCause().getMessage(),
          e.getCause());
    }
    spec.commandLine()
        .getOut()
        .println(
            "Meridian listening on http://" + cfg.server().host() + ":" + gateway.port() + "/v1");
    Shutdown.await(gateway::close);
    return Main.EXIT_OK;
  }
}
