package io.docmap.common.logging;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Drops the two warnings every service start printed that say nothing an operator can act on; every other record
 * passes. Each services' {@code quarkus.log.console.filter} names it.
 *
 * <ul>
 *   <li>Micrometer's "Gauge has been already registered (mysql.queue.size …)": Quarkus registers the reactive pool's
 *       queue gauge twice (quarkusio/quarkus#47504, fixed after 3.33). The gauge itself works.
 *   <li>SmallRye's SRMSG18235, "Will not health check throttled commit strategy": the workers turn the throttled
 *       strategy's record age limit off on purpose (worker application.properties says why), and that check with it.
 * </ul>
 */
@LoggingFilter(name = KnownUpstreamWarnings.NAME)
public final class KnownUpstreamWarnings implements Filter {

    public static final String NAME = "docmap-known-upstream-warnings";

    private record Known(String logger, String text) {}

    private static final List<Known> KNOWN = List.of(
            new Known("io.micrometer.core.instrument.MeterRegistry", "name='mysql.queue.size'"),
            new Known("io.smallrye.reactive.messaging.kafka", "SRMSG18235"));

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName();
        if (logger == null) {
            return true;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        return KNOWN.stream()
                .noneMatch(known -> logger.equals(known.logger()) && message != null && message.contains(known.text()));
    }
}
