package io.docmap.dispatcher.workers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import io.docmap.dispatcher.persistence.attempts.PageAttemptRepository;

/**
 * Puts the broker's view of the workers' group beside the pages they hold in the database. The two meet at the
 * partition: a page goes to partition page id modulo the partition count (PagePartitioner), and a worker holds
 * partitions. Read at most once every {@link #REFRESH}, however many pages ask.
 */
@ApplicationScoped
public class WorkersService {

    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private record Snapshot(long at, Map<Integer, Long> committed) {}

    private final WorkerGroup group;
    private final PageAttemptRepository attempts;
    private final Deque<Snapshot> history = new ArrayDeque<>();
    private final Uni<Workers> fresh;

    public WorkersService(WorkerGroup group, PageAttemptRepository attempts) {
        this.group = group;
        this.attempts = attempts;
        this.fresh = Uni.createFrom().deferred(this::read).memoize().atLeast(REFRESH);
    }

    public Uni<Workers> current() {
        return fresh;
    }

    private Uni<Workers> read() {
        // The broker answers on its client's thread; the database session needs the caller's Vert.x context back.
        Context context = Vertx.currentContext();
        return group.read()
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(view -> Panache.withSession(attempts::takenUnfinished).map(taken -> workers(view, taken)))
                .onFailure()
                .recoverWithItem(e -> {
                    Log.debugf("cannot read the workers' group %s: %s", group.group(), e.toString());
                    return Workers.unreadable(group.group(), e.toString());
                });
    }

    private Workers workers(GroupView view, List<Long> takenPages) {
        int partitionCount = view.ends().size();
        Map<Integer, Double> rates = rates(view.committed());
        List<Workers.Partition> partitions = view.ends().keySet().stream()
                .sorted()
                .map(p -> new Workers.Partition(
                        p, view.ends().get(p), view.committed().getOrDefault(p, 0L), view.lag(p)))
                .toList();
        List<Workers.Member> members = view.members().stream()
                .map(m -> new Workers.Member(
                        m.clientId(),
                        m.host(),
                        m.partitions(),
                        takenPages.stream()
                                .filter(page -> m.partitions().contains((int) Math.floorMod(page, partitionCount)))
                                .count(),
                        m.partitions().stream()
                                .mapToDouble(p -> rates.getOrDefault(p, 0.0))
                                .sum(),
                        m.partitions().stream().mapToLong(view::lag).sum()))
                .toList();
        long lag = partitions.stream().mapToLong(Workers.Partition::lag).sum();
        return new Workers(group.group(), view.state(), members.size(), members, partitions, lag, null, Instant.now());
    }

    /** Acknowledged pages per second in each partition, since the oldest read of the last minute. */
    private synchronized Map<Integer, Double> rates(Map<Integer, Long> committed) {
        long now = System.nanoTime();
        history.addLast(new Snapshot(now, Map.copyOf(committed)));
        while (now - history.peekFirst().at() > RATE_WINDOW.toNanos()) {
            history.removeFirst();
        }
        Snapshot oldest = history.peekFirst();
        double seconds = (now - oldest.at()) / 1e9;
        return committed.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> seconds <= 0
                                ? 0.0
                                : Math.max(0, e.getValue() - oldest.committed().getOrDefault(e.getKey(), e.getValue()))
                                        / seconds));
    }
}
