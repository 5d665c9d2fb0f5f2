package io.docmap.common;

/** Channel, topic, group and config names that more than one place must agree on. */
public final class Names {

    /** Reactive Messaging channel on which the dispatcher emits pages. */
    public static final String PAGES_OUT = "pages-out";

    /** Reactive Messaging channel from which workers consume pages. */
    public static final String PAGES_IN = "pages-in";

    /** In-memory channel that carries each finished page to the worker's outcome log. */
    public static final String PAGES_DONE = "pages-done";

    /** Default page topic; its partition count is the ceiling on worker replicas. */
    public static final String PAGES_TOPIC = "docmap.pages";

    /** Default dead-letter topic for page messages that cannot be read. */
    public static final String PAGES_DLQ_TOPIC = "docmap.pages.dlq";

    /** Consumer group of the workers; KEDA's kafka trigger must name the same group. */
    public static final String WORKER_GROUP = "docmap-worker";

    /** The page record's header that names the leadership epoch of the dispatcher that sent it. */
    public static final String LEADER_EPOCH_HEADER = "docmap-leader-epoch";

    /** Rest client config key of the mapper: {@code quarkus.rest-client.mapper.url}. */
    public static final String MAPPER_CLIENT = "mapper";

    private Names() {}
}
