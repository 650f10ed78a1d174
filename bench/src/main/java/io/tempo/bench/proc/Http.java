package io.tempo.bench.proc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Blocking loopback HTTP for the harness (triggers, readiness polls, one-off fetches). */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    public record Response(int status, String body, long nanos) {
    }

    public static Response get(String url, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        headers.forEach(request::header);
        long start = System.nanoTime();
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), System.nanoTime() - start);
    }

    /**
     * Polls {@code url} every {@code intervalMs} until an answer satisfies {@code done} or the process dies
     * or the deadline passes; returns the nanoTime of the first good answer.
     */
    public static long awaitUntil(String url, Predicate<Response> done, ServiceProcess process, Duration deadline,
                                  int intervalMs) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (process != null && !process.alive()) {
                throw new IllegalStateException(process + " exited before " + url + " answered");
            }
            try {
                Response response = get(url, Map.of(), Duration.ofSeconds(5));
                if (done.test(response)) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(intervalMs);
        }
        throw new IllegalStateException(url + " not ready within " + deadline + (process == null ? "" : "; see "
                + process.log()));
    }
}
