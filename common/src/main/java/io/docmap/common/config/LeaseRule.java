package io.docmap.common.config;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;

/**
 * The rule that keeps a page's lease from running out under a worker still at it: a worker begins its attempts at a
 * page at most {@code page-timeout + retry-max-backoff} apart, and each attempt renews the lease, so the lease must be
 * longer. The dispatcher and the worker both read the three settings (their defaults are in docmap-pipeline.properties)
 * and refuse to start when they break the rule: a lease that ran out under a working worker would send its page
 * again, and after max-sends fail its documents with cause lease-expired.
 */
public final class LeaseRule {

    public static final String LEASE = "docmap.dispatch.lease";
    public static final String PAGE_TIMEOUT = "docmap.worker.page-timeout";
    public static final String RETRY_MAX_BACKOFF = "docmap.worker.retry-max-backoff";

    private LeaseRule() {}

    /** Throws, naming the three settings and their values, when the lease is not longer than the other two. */
    public static void check(Config config) {
        Duration lease = config.getValue(LEASE, Duration.class);
        Duration pageTimeout = config.getValue(PAGE_TIMEOUT, Duration.class);
        Duration backoff = config.getValue(RETRY_MAX_BACKOFF, Duration.class);
        if (pageTimeout.plus(backoff).compareTo(lease) >= 0) {
            throw new IllegalArgumentException(String.format(
                    "%s (%s) must be longer than %s (%s) + %s (%s): a worker begins its attempts at a page up to that"
                            + " far apart, and a lease that ran out under it would send the page again; raise the"
                            + " lease, or lower the other two, for every service alike",
                    LEASE, lease, PAGE_TIMEOUT, pageTimeout, RETRY_MAX_BACKOFF, backoff));
        }
    }
}
