package io.docmap.worker.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;

import io.docmap.common.mapper.MapperPaths;

/**
 * A mapper inside the worker, for its warm-up alone: on a loopback port of its own, it answers every request with one
 * fixed answer. Through it, the worker's REST client, its connections and its reading of answers run before the first
 * page, with no call to the real mapper.
 */
final class MapperStandIn implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpServer server;

    private MapperStandIn(HttpServer server) {
        this.server = server;
    }

    static MapperStandIn start(Vertx vertx, byte[] answer) throws Exception {
        Buffer body = Buffer.buffer(answer);
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(read -> request.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(MapperPaths.VERSION_HEADER, "warm-up")
                        .end(body)));
        return new MapperStandIn(await(server.listen(0, "127.0.0.1")));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void close() throws Exception {
        await(server.close());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
