package dev.meridian.cli;

import dev.meridian.common.Version;
import dev.meridian.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code meridian}: the command line. Exit 0 ok, 2 bad usage or configuration, 1 anything else. */
@Command(
    name = "meridian",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "A multi-region, OpenAI-compatible AI API gateway.",
    subcommands = {ServeCommand.class, DemoCommand.class})
public final class Main implements Runnable {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a command: serve or demo.");
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given output streams and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof ConfigException) {
            commandLine.getErr().println("meridian: bad configuration: " + e.getMessage());
            return EXIT_USAGE;
          }
          commandLine.getErr().println("meridian: " + describe(e));
          return EXIT_FAILURE;
        });
    return cli.execute(args);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Prints Meridian's version and the Java it runs on. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "meridian " + Version.get(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
