package io.docmap.mapper.api;

import java.util.concurrent.atomic.AtomicBoolean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.docmap.common.mapper.MapperError;
import io.docmap.common.mapper.MapperPaths;
import io.docmap.mapper.MapperConfig;

/**
 * Admits mapping requests while the memory they need fits a budget, so that large requests arriving together get a
 * 503 with Retry-After, which callers retry, instead of an OutOfMemoryError for all of them. A request may need up
 * to {@link #PER_BODY_BYTE} times its body: the body, the texts decoded from it, and every match with its surface
 * form, which a text dense with names multiplies (an 8 MB text of nothing but names: 1.35 million matches; four of
 * them at once ran a 256 MB heap out of memory, one alone did not). Its Content-Length says how large it is before
 * a byte is read; a request without one counts as the largest allowed. A request larger than the whole budget
 * still runs, alone.
 */
@ApplicationScoped
public class RequestMemoryBudget {

    static final int PER_BODY_BYTE = 16;

    private final long budget;
    private final long largestBody;
    private final Counter refused;
    private final byte[] busyBody;
    private long reserved;

    public RequestMemoryBudget(
            MapperConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize largestBody,
            MeterRegistry registry,
            ObjectMapper json)
            throws JsonProcessingException {
        this.budget = config.requestMemory()
                .map(MemorySize::asLongValue)
                .orElse(Runtime.getRuntime().maxMemory() / 2);
        this.largestBody = largestBody.asLongValue();
        this.refused = Counter.builder("docmap.mapper.requests.refused")
                .description("Mapping requests answered 503 because the memory they need was in use")
                .register(registry);
        Gauge.builder("docmap.mapper.request.memory.reserved", this, RequestMemoryBudget::reserved)
                .description("Memory reserved by the mapping requests in flight, of the request-memory budget")
                .baseUnit("bytes")
                .register(registry);
        this.busyBody = json.writeValueAsBytes(new MapperError(
                "mapper busy: the requests in flight use its memory budget of " + budget + " bytes; retry"));
    }

    /** Reserves memory for a request's body of that many bytes; false when the budget has no room for it now. */
    public synchronized boolean tryReserve(long bodyBytes) {
        long need = bodyBytes * PER_BODY_BYTE;
        if (reserved > 0 && reserved + need > budget) {
            return false;
        }
        reserved += need;
        return true;
    }

    /** How many requests with bodies of that many bytes the budget admits at once: at least one, which runs alone. */
    public long admittedAtOnce(long bodyBytes) {
        return Math.max(1, budget / (bodyBytes * PER_BODY_BYTE));
    }

    public synchronized void release(long bodyBytes) {
        reserved -= bodyBytes * PER_BODY_BYTE;
    }

    /** Bytes reserved by the requests in flight. */
    public synchronized long reserved() {
        return reserved;
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, 10);
    }

    private void admit(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !rc.request().path().startsWith(MapperPaths.ENT_MAPPING)) {
            rc.next();
            return;
        }
        long bodyBytes = declaredLength(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (bodyBytes > largestBody) {
            // Refused with 413 before its body is read, and then no end handler runs: nothing to reserve.
            rc.next();
            return;
        }
        if (!tryReserve(bodyBytes)) {
            refused.increment();
            rc.response()
                    .setStatusCode(503)
                    .putHeader(HttpHeaders.RETRY_AFTER, "1")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(busyBody));
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseOnce = () -> {
            if (released.compareAndSet(false, true)) {
                release(bodyBytes);
            }
        };
        rc.addEndHandler(ended -> releaseOnce.run());
        rc.request().connection().closeHandler(closed -> releaseOnce.run());
        rc.next();
    }

    /** The body's declared length; a request without one counts as the largest allowed. */
    private long declaredLength(String contentLength) {
        try {
            return contentLength == null ? largestBody : Long.parseLong(contentLength);
        } catch (NumberFormatException e) {
            return largestBody;
        }
    }
}
