package dev.meridian.cli;

import io.vertx.core.Future;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** Blocks the command's thread until the JVM is asked to stop, then runs {@code close}. */
final class Shutdown {

  private Shutdown() {}

  static void await(Supplier<Future<?>> close) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    close.get().toCompletionStage().toCompletableFuture().join();
                  } finally {
                    stopped.countDown();
                  }
                },
                "meridian-shutdown"));
    stopped.await();
  }
}
