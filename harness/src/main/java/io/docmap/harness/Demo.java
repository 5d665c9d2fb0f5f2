package io.docmap.harness;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The main job on local defaults: start the three services against the local Kafka and database, load the sample
 * corpus (only the documents not loaded yet), show progress until every document has an outcome, and sum up.
 * Running it again maps nothing twice: finished documents stay finished, and the mapper is not called for them. With
 * {@code --keep} the services stay up afterwards, as after {@code ./docmap up}.
 */
public final class Demo {

    private static final Logger LOG = Logger.getLogger("docmap.demo");
    private static final long SEED = 20261128L;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        int docs = 10_000;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--docs") && i + 1 < args.length && args[i + 1].matches("[0-9]{1,9}")) {
                docs = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--keep")) {
                keep = true;
            } else {
                throw new IllegalArgumentException(
                        "usage: docmap demo [--docs N] [--keep]; got " + String.join(" ", args));
            }
        }
        LocalServices local = new LocalServices();
        // Kept services take the documented ports, as ./docmap up's do; a demo that ends takes any free ones.
        var settings = local.settings(
                1, JvmOptions.SERVICES_OWN, keep ? LocalServices.documentedPorts() : ServicePorts.ANY_FREE);
        var database = settings.database();
        PipelineDatabase pipelineDb = new PipelineDatabase(database.jdbcUrl(), database.user(), database.password());

        LOG.info("starting mapper, worker and dispatcher; logs in " + settings.logDir());
        long started = System.nanoTime();
        Pipeline pipeline = new Pipeline(settings);
        try {
            LocalServices.start(pipeline);
            List<CorpusDocument> corpus = new Corpus(new GazetteerNames(), SEED).next("demo", 0, docs);
            int loaded = pipelineDb.insertMissing(corpus);
            LOG.info(String.format("corpus: %,d documents, %,d of them new", docs, loaded));
            Outcomes before = pipelineDb.outcomes();
            Outcomes after = watch(pipelineDb, before);
            report(pipeline, pipelineDb, corpus, before, after, System.nanoTime() - started);
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
        if (keep) {
            local.leaveRunning(pipeline);
        } else {
            pipeline.close();
            LOG.info("the services stopped with the demo: ./docmap demo --keep leaves them running, with the status"
                    + " page at http://127.0.0.1:"
                    + LocalServices.documentedPorts().dispatcher()
                    + "/ (./docmap up starts them without a demo)");
        }
    }

    private static Outcomes watch(PipelineDatabase db, Outcomes before) throws SQLException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long watchStart = System.nanoTime();
        Outcomes now = before;
        while (!now.drained()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not drained within " + TIMEOUT + ": " + now);
            }
            pause();
            now = db.outcomes();
            double seconds = (System.nanoTime() - watchStart) / 1e9;
            double rate = (now.settled() - before.settled()) / seconds;
            long left = now.source() - now.settled();
            LOG.info(String.format(
                    "%s %,d / %,d done (%,d stored, %,d failed)  %,.0f docs/s  ETA %s",
                    bar(now.settled(), now.source()),
                    now.settled(),
                    now.source(),
                    now.results(),
                    now.failures(),
                    rate,
                    rate > 0 ? Math.round(left / rate) + " s" : "-"));
        }
        return now;
    }

    private static void report(
            Pipeline pipeline,
            PipelineDatabase db,
            List<CorpusDocument> corpus,
            Outcomes before,
            Outcomes after,
            long nanos)
            throws SQLException {
        double seconds = nanos / 1e9;
        long processed = after.settled() - before.settled();
        List<String> wrong = db.missingCanonicalNames(corpus);
        LOG.info(String.format(
                "%n--- docmap demo summary ---%n"
                        + "documents in source_data : %,d%n"
                        + "results in doc_ent_map   : %,d%n"
                        + "failures in doc_failure  : %,d%n"
                        + "processed in this run    : %,d%n"
                        + "mapper documents this run: %,.0f%n"
                        + "elapsed                  : %.1f s%n"
                        + "throughput               : %,.0f docs/s (this run, start-up included)%n"
                        + "invariant (one outcome each, no duplicates): %s%n"
                        + "gazetteer names mapped to their canonical names: %,d of %,d documents",
                after.source(),
                after.results(),
                after.failures(),
                processed,
                Metrics.sum(pipeline.mapper(), "docmap_mapper_documents_total"),
                seconds,
                processed / seconds,
                after.invariantHolds() ? "holds" : "BROKEN " + after,
                corpus.size() - wrong.size(),
                corpus.size()));
        wrong.stream().limit(5).forEach(line -> LOG.warning("unexpected mapping: " + line));
        if (!after.invariantHolds() || !wrong.isEmpty()) {
            throw new IllegalStateException("the demo's checks failed; see above");
        }
    }

    private static String bar(long done, long total) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
