package io.docmap.worker.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLimiterTest {

    @Test
    void neverRunsMoreThanItsPermitsAndRunsEveryOperationInTheEnd() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(3);
        List<UniEmitter<? super Integer>> started = new ArrayList<>();
        AtomicInteger peak = new AtomicInteger();
        List<UniAssertSubscriber<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int value = i;
            results.add(limiter.run(0, () -> Uni.createFrom()
                            .<Integer>emitter(emitter -> {
                                started.add(emitter);
                                peak.accumulateAndGet(limiter.running(), Math::max);
                            })
                            .map(ignored -> value))
                    .subscribe()
                    .withSubscriber(UniAssertSubscriber.create()));
        }
        assertThat(started).hasSize(3);

        for (int finished = 0; finished < 10; finished++) {
            started.get(finished).complete(finished);
        }

        assertThat(started).hasSize(10);
        assertThat(peak.get()).isEqualTo(3);
        assertThat(limiter.running()).isZero();
        for (int i = 0; i < 10; i++) {
            results.get(i).assertItem(i);
        }
    }

    @Test
    void waitingOperationsStartByPriorityThenInOrderOfArrival() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
        List<String> startOrder = new ArrayList<>();
        List<UniEmitter<? super String>> running = new ArrayList<>();
        for (String name : List.of("holder:0", "late page:2", "early page:1", "early page again:1")) {
            long priority = Long.parseLong(name.substring(name.indexOf(':') + 1));
            limiter.run(priority, () -> Uni.createFrom().<String>emitter(emitter -> {
                        startOrder.add(name);
                        running.add(emitter);
                    }))
                    .subscribe()
                    .withSubscriber(UniAssertSubscriber.create());
        }

        for (int finished = 0; finished < 4; finished++) {
            running.get(finished).complete("done");
        }

        assertThat(startOrder).containsExactly("holder:0", "early page:1", "early page again:1", "late page:2");
    }

    @Test
    void aFailedOperationReleasesItsPermit() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
        limiter.run(0, () -> Uni.createFrom().failure(new IllegalStateException("boom")))
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(IllegalStateException.class, "boom");
        limiter.run(0, () -> Uni.createFrom().item("next"))
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .assertItem("next");
    }

    @Test
    void aCancelledOperationFreesItsPermitAndAWaitingOneThatIsCancelledNeverStarts() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(1);
        List<String> started = new ArrayList<>();
        AtomicInteger cancelled = new AtomicInteger();
        UniAssertSubscriber<String> holder = limiter.run(0, () -> Uni.createFrom()
                        .<String>emitter(emitter -> started.add("holder"))
                        .onCancellation()
                        .invoke(cancelled::incrementAndGet))
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<String> abandoned = limiter.run(0, () -> {
                    started.add("abandoned");
                    return Uni.createFrom().item("abandoned");
                })
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        abandoned.cancel();
        holder.cancel();

        assertThat(cancelled.get()).isEqualTo(1);
        assertThat(limiter.running()).isZero();
        limiter.run(0, () -> Uni.createFrom().item("next"))
                .subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .assertItem("next");
        assertThat(started).containsExactly("holder");
    }
}
