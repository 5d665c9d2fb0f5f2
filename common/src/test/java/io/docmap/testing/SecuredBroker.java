package io.docmap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker of its own that takes SASL_SSL only: SCRAM-SHA-512 over TLS, with a certificate for 127.0.0.1
 * from a CA made for it. A client that does not use the {@code kafka.*} settings of {@link #start()} cannot reach it.
 * It runs the local broker's jars ({@code ./docmap infra}), in a temporary directory, on free ports.
 */
public final class SecuredBroker implements AutoCloseable {

    public static final String USER = "docmap";
    public static final String PASSWORD = "docmap-secret";

    private ServerDirectory dir;

    /** Starts the broker and returns the settings that reach it, as the services read them ({@code kafka.*}). */
    public Map<String, String> start() {
        LocalInfra.kafkaBootstrap();
        dir = new ServerDirectory("docmap-sasl-kafka");
        try {
            dir.certificates();
            // Kafka reads its key and its certificate from one PEM file.
            Files.writeString(
                    dir.resolve("server-keystore.pem"),
                    Files.readString(dir.resolve("server.key")) + Files.readString(dir.resolve("server.pem")));
            int port = ServerDirectory.freePort();
            Files.writeString(dir.resolve("server.properties"), brokerProperties(port, ServerDirectory.freePort()));
            dir.run(java(
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    "server.properties",
                    "--add-scram",
                    scram("admin", "admin-secret"),
                    "--add-scram",
                    scram(USER, PASSWORD)));
            dir.start("kafka.log", java("kafka.Kafka", "server.properties"));
            Map<String, String> settings = clientSettings(port);
            awaitReady(settings);
            return settings;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start a SASL_SSL broker", e);
        }
    }

    /** The settings of {@link #start()} as a Kafka client takes them: without the {@code kafka.} prefix. */
    public static Map<String, Object> clientConfig(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((key, value) -> config.put(key.substring("kafka.".length()), value));
        return config;
    }

    @Override
    public void close() {
        if (dir != null) {
            dir.close();
        }
    }

    private Map<String, String> clientSettings(int port) {
        return Map.of(
                "kafka.bootstrap.servers",
                "127.0.0.1:" + port,
                "kafka.security.protocol",
                "SASL_SSL",
                "kafka.sasl.mechanism",
                "SCRAM-SHA-512",
                "kafka.sasl.jaas.config",
                jaas(USER, PASSWORD),
                "kafka.ssl.truststore.type",
                "PEM",
                "kafka.ssl.truststore.location",
                dir.resolve("ca.pem").toString());
    }

    /** Waits for the broker to answer, as the Admin client does: it retries until its API timeout. */
    private static void awaitReady(Map<String, String> settings) {
        try (Admin admin = Admin.create(clientConfig(settings))) {
            admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) Duration.ofSeconds(90).toMillis()))
                    .nodes()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("the SASL_SSL broker did not answer", e);
        }
    }

    private String brokerProperties(int port, int controllerPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_SSL",
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + jaas("admin", "admin-secret"),
                "ssl.keystore.type=PEM",
                "ssl.keystore.location=" + dir.resolve("server-keystore.pem"),
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + dir.resolve("ca.pem"),
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=4",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static String scram(String user, String password) {
        return "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]";
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String[] java(String... main) {
        Path libs = Path.of(System.getenv()
                .getOrDefault(
                        "DOCMAP_KAFKA_LIBS",
                        LocalInfra.home().resolve("kafka/libs").toString()));
        String[] command = new String[5 + main.length];
        command[0] = ProcessHandle.current().info().command().orElse("java");
        command[1] = "-Xmx256m";
        command[2] = "-cp";
        command[3] = libs + "/*";
        command[4] = "-Dlog4j2.configurationFile=" + LocalInfra.root().resolve("infra/kafka/log4j2.properties");
        System.arraycopy(main, 0, command, 5, main.length);
        return command;
    }
}
