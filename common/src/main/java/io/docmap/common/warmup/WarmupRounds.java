package io.docmap.common.warmup;

import org.jboss.logging.Logger;

/** Runs a service's warm-up round over and over, {@link #ROUNDS} times or for {@link #BUDGET_NANOS} at most. */
public final class WarmupRounds {

    /** Enough for C1, compiling after a tenth of the default counts, to compile what a round runs. */
    static final int ROUNDS = 40;

    static final long BUDGET_NANOS = 5_000_000_000L;

    private static final Logger LOG = Logger.getLogger(WarmupRounds.class);

    /** One round of warm-up work; false stops the warm-up, which then says why itself. */
    @FunctionalInterface
    public interface Round {
        boolean run() throws Exception;
    }

    private WarmupRounds() {}

    /**
     * Runs the rounds, then logs what they warmed, how many ran, over how many documents each, and how long. Returns
     * how many ran, 0 where a round stopped the warm-up.
     */
    public static int run(String what, int documents, Round round) throws Exception {
        long start = System.nanoTime();
        int rounds = 0;
        while (rounds < ROUNDS && System.nanoTime() - start < BUDGET_NANOS) {
            if (!round.run()) {
                return 0;
            }
            rounds++;
        }
        LOG.infof(
                "warmed up %s on %d rounds of %d made-up documents in %d ms",
                what, rounds, documents, (System.nanoTime() - start) / 1_000_000);
        return rounds;
    }
}
