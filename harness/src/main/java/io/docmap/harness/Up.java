package io.docmap.harness;

/**
 * {@code ./docmap up [--workers N]}: starts the mapper, N workers (1 by default) and the dispatcher, waits until every
 * one is ready, and leaves them running; {@code ./docmap down} stops them.
 */
public final class Up {

    private Up() {}

    public static void main(String[] args) throws Exception {
        int workers = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--workers") && i + 1 < args.length && args[i + 1].matches("[1-9][0-9]{0,2}")) {
                workers = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException(
                        "usage: docmap up [--workers N], N from 1 to 999; got " + String.join(" ", args));
            }
        }
        LocalServices local = new LocalServices();
        Pipeline pipeline =
                new Pipeline(local.settings(workers, JvmOptions.SERVICES_OWN, LocalServices.documentedPorts()));
        try {
            LocalServices.start(pipeline);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        local.leaveRunning(pipeline);
    }
}
