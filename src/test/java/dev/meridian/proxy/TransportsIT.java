package dev.meridian.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The other suites run on the default transport ({@code auto}); this one runs the essentials on
 * each transport a user can choose, so none of them goes untested.
 */
class TransportsIT {

  private static boolean available(String transport) {
    switch (transport) {
      case "io_uring":
        return io.vertx.core.transport.Transport.IO_URING.available();
      case "epoll":
        return io.vertx.core.transport.Transport.EPOLL.available();
      default:
        return true;
    }
  }

  private static final ChatCompletionCreateParams.Builder CHAT =
      ChatCompletionCreateParams.builder().model("gpt-4.1").addUserMessage("Hello there");

  @ParameterizedTest
  @ValueSource(strings = {"io_uring", "epoll", "nio"})
  void servesPlainStreamedAndConcurrentRequests(String transport) throws Exception {
    Assumptions.assumeTrue(
        available(transport), () -> transport + " is not available on this machine; skipped");
    try (Rig rig = Rig.standard("", transport)) {
      assertThat(rig.transport()).isEqualTo(transport);
      OpenAIClient client = rig.client();
      ExecutorService pool = Executors.newFixedThreadPool(30);
      try {
        assertThat(client.chat().completions().create(CHAT.build()).choices()).hasSize(1);

        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> s =
            client.chat().completions().createStreaming(CHAT.build())) {
          s.stream().forEach(acc::accumulate);
        }
        assertThat(acc.chatCompletion().choices().get(0).message().content().orElseThrow())
            .startsWith("Hello from sim-a");

        long before = rig.sim("sim-a").requests();
        List<Future<ChatCompletion>> results = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          results.add(pool.submit(() -> client.chat().completions().create(CHAT.build())));
        }
        for (Future<ChatCompletion> f : results) {
          assertThat(f.get().choices()).hasSize(1);
        }
        assertThat(rig.sim("sim-a").requests() - before).isEqualTo(30);
      } finally {
        pool.shutdownNow();
        client.close();
      }
    }
  }
}
