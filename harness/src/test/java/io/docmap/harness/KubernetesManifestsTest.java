package io.docmap.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.docmap.common.Names;
import io.docmap.common.config.DatabaseSettings;
import io.docmap.harness.scaling.Manifests;
import io.docmap.testing.LocalInfra;

import static io.docmap.harness.scaling.Manifests.find;
import static io.docmap.harness.scaling.Manifests.kind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every kustomize overlay with kubectl, offline, and checks docmap's own rules on what comes out: KEDA
 * watches the worker's group and topic on fully qualified servers and owns the worker count, never more replicas than
 * partitions, probes on the services' health paths, only environment variables the services read, credentials only
 * from Secrets, Pod Security "restricted", only the kinds each overlay's cluster has, and the labels the dashboard
 * filters on.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = LocalInfra.root();
    /** What a service's JVM needs besides its heap: metaspace, code, threads, malloc (bench/README.md). */
    private static final long BESIDE_HEAP_MIB = 250;

    private static final Set<String> HEALTH = Set.of("/q/health/started", "/q/health/live", "/q/health/ready");
    /**
     * The dispatcher's Service stays in while the dispatcher can answer, so that its status page shows an outage
     * (ServingCheck); every other readiness is the service's own.
     */
    private static final String DISPATCHER_READY = "/q/health/group/serving";

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|USER).*");

    /** API groups of the kinds prod's cluster has: Kubernetes's own, KEDA's and the Prometheus Operator's. */
    private static final Set<String> INSTALLED_PROD =
            Set.of("", "apps", "policy", "networking.k8s.io", "keda.sh", "monitoring.coreos.com");

    /** dev runs Kafka itself, with Strimzi. */
    private static final Set<String> INSTALLED_DEV =
            Set.of("", "apps", "policy", "networking.k8s.io", "keda.sh", "monitoring.coreos.com", "kafka.strimzi.io");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayMatchesTheServicesConfiguration(String overlay) throws Exception {
        List<JsonNode> objects = Manifests.render(ROOT, overlay);
        JsonNode config = find(objects, "ConfigMap", "docmap-config").get("data");
        JsonNode trigger = find(objects, "ScaledObject", "docmap-worker").at("/spec/triggers/0/metadata");

        assertThat(config.get("DOCMAP_WORKER_GROUP").asText()).isEqualTo(Names.WORKER_GROUP);
        assertThat(config.get("DOCMAP_PAGES_TOPIC").asText()).isEqualTo(Names.PAGES_TOPIC);
        assertThat(trigger.get("consumerGroup").asText())
                .isEqualTo(config.get("DOCMAP_WORKER_GROUP").asText());
        assertThat(trigger.get("topic").asText())
                .isEqualTo(config.get("DOCMAP_PAGES_TOPIC").asText());
        assertThat(trigger.get("bootstrapServers").asText())
                .isEqualTo(config.get("DOCMAP_KAFKA_BOOTSTRAP").asText());
        for (String server : trigger.get("bootstrapServers").asText().split(",")) {
            checkFullyQualified(
                    server,
                    find(objects, "ConfigMap", "docmap-config")
                            .at("/metadata/namespace")
                            .asText());
        }

        JsonNode scaledObject = find(objects, "ScaledObject", "docmap-worker");
        int maxReplicas = scaledObject.at("/spec/maxReplicaCount").asInt();
        JsonNode target = find(
                objects,
                "Deployment",
                scaledObject.at("/spec/scaleTargetRef/name").asText());
        assertThat(target.at("/spec/replicas").isMissingNode())
                .as("the Deployment KEDA scales sets no replicas: every apply would reset KEDA's count")
                .isTrue();
        // prod's topics live on its external Kafka; where the overlay creates them, the partitions bound the workers.
        for (JsonNode topic : kind(objects, "KafkaTopic")) {
            if (topic.at("/metadata/name").asText().equals(Names.PAGES_TOPIC)) {
                assertThat(maxReplicas)
                        .as("worker replicas beyond the partitions would sit idle")
                        .isLessThanOrEqualTo(topic.at("/spec/partitions").asInt());
            }
        }
        // Under a backlog the lag is the page cap plus the pages not yet committed: KEDA asks for
        // ceil(lag ÷ lagThreshold) workers (./docmap autoscale).
        int lagThreshold = trigger.get("lagThreshold").asInt();
        int cap = config.get("DOCMAP_DISPATCH_MAX_PAGES_IN_FLIGHT").asInt();
        int workers = (cap + lagThreshold - 1) / lagThreshold;
        assertThat(workers)
                .as("the workers the page cap asks for under a backlog fit maxReplicaCount")
                .isBetween(1, maxReplicas);
        assertThat(workers * lagThreshold - cap)
                .as("pages above the cap that still ask for as many workers: the uncommitted ones (up to 7 seen)")
                .isGreaterThanOrEqualTo(10);

        assertThat(objects).noneMatch(o -> o.get("kind").asText().equals("Secret"));
        Set<String> groups = new TreeSet<>();
        objects.forEach(o -> groups.add(apiGroup(o.get("apiVersion").asText())));
        assertThat(groups)
                .as(
                        "%s renders only kinds its cluster has: Strimzi's only where the overlay runs Kafka itself",
                        overlay)
                .isSubsetOf(overlay.equals("dev") ? INSTALLED_DEV : INSTALLED_PROD);
        for (JsonNode deployment : kind(objects, "Deployment")) {
            checkDeployment(deployment);
        }
        for (JsonNode workload : concat(kind(objects, "Deployment"), kind(objects, "StatefulSet"))) {
            checkRestricted(workload);
            checkIngressPolicy(workload, kind(objects, "NetworkPolicy"));
        }
        for (JsonNode statefulSet : kind(objects, "StatefulSet")) {
            assertThat(find(
                                    objects,
                                    "Service",
                                    statefulSet.at("/spec/serviceName").asText())
                            .at("/spec/clusterIP")
                            .asText())
                    .as(
                            "the Service governing StatefulSet %s is headless",
                            statefulSet.at("/metadata/name").asText())
                    .isEqualTo("None");
            assertThat(statefulSet.at("/spec/template/spec/containers/0/image").asText())
                    .as("the dev database runs the engine the tests run")
                    .startsWith("mariadb:");
        }
        assertThat(objects)
                .as("Strimzi's kraft and node-pools annotations are obsolete: KRaft and node pools are all there is")
                .noneMatch(o -> o.at("/metadata/annotations/strimzi.io~1kraft").isTextual()
                        || o.at("/metadata/annotations/strimzi.io~1node-pools").isTextual());
        checkScrapedLabels(find(objects, "ServiceMonitor", "docmap"));
        checkCurrentStrimzi(objects);
        checkRunbooks(find(objects, "PrometheusRule", "docmap"));
    }

    /** The base alone applies to a plain cluster: no KEDA, no Prometheus Operator, a fixed worker count, annotations. */
    @Test
    void theBaseAloneNeedsNoOperator() throws Exception {
        List<JsonNode> objects = Manifests.renderDirectory(ROOT.resolve("k8s/base"));
        Set<String> groups = new TreeSet<>();
        objects.forEach(o -> groups.add(apiGroup(o.get("apiVersion").asText())));
        assertThat(groups).isSubsetOf("", "apps", "policy", "networking.k8s.io");
        assertThat(find(objects, "Deployment", "docmap-worker")
                        .at("/spec/replicas")
                        .asInt())
                .as("without KEDA, the workers run at a fixed count")
                .isPositive();
        for (JsonNode deployment : kind(objects, "Deployment")) {
            assertThat(deployment
                            .at("/spec/template/metadata/annotations/prometheus.io~1scrape")
                            .asText())
                    .as(
                            "%s is scraped by annotation",
                            deployment.at("/metadata/name").asText())
                    .isEqualTo("true");
        }
    }

    /** The check and migrate Jobs run the admin tool from the dispatcher's JVM image, connected as the dispatcher is. */
    @ParameterizedTest
    @ValueSource(strings = {"check", "migrate"})
    void theAdminJobsRunTheToolAsTheDispatcherConnects(String command) throws Exception {
        JsonNode job = find(Manifests.renderDirectory(ROOT.resolve("k8s/jobs/" + command)), "Job", "docmap-" + command);
        checkRestricted(job);
        JsonNode container = job.at("/spec/template/spec/containers/0");
        JsonNode dispatcher = find(
                        Manifests.renderDirectory(ROOT.resolve("k8s/base")), "Deployment", "docmap-dispatcher")
                .at("/spec/template/spec/containers/0");
        assertThat(container.get("image").asText())
                .as("the JVM image: the native one has no java")
                .isEqualTo(dispatcher.get("image").asText());
        List<String> run = new ArrayList<>();
        container.get("command").forEach(part -> run.add(part.asText()));
        container.get("args").forEach(part -> run.add(part.asText()));
        assertThat(run).startsWith("java").endsWith("io.docmap.admin.Admin", command);
        List<String> variables = new ArrayList<>();
        for (JsonNode variable : container.get("env")) {
            String name = variable.get("name").asText();
            variables.add(name);
            assertThat(variable).as("%s as the dispatcher reads it", name).isEqualTo(envEntry(dispatcher, name));
        }
        assertThat(variables)
                .containsExactlyInAnyOrder(
                        "DOCMAP_DB_HOST", "DOCMAP_DB_PORT", "DOCMAP_DB_NAME", "DOCMAP_DB_USER", "DOCMAP_DB_PASSWORD");
    }

    private static JsonNode envEntry(JsonNode container, String name) {
        for (JsonNode variable : container.get("env")) {
            if (variable.get("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError(container.get("name").asText() + " sets no " + name);
    }

    /**
     * Strimzi's v1 API, which Strimzi 0.49 introduced and 1.0 kept alone, and a Kafka version the current Strimzi (1.2)
     * supports: 4.2.0 to 4.3.1.
     */
    private static void checkCurrentStrimzi(List<JsonNode> objects) {
        assertThat(objects)
                .as("no Strimzi resource of the removed v1beta2 API")
                .noneMatch(o -> o.get("apiVersion").asText().equals("kafka.strimzi.io/v1beta2"));
        for (JsonNode kafka : kind(objects, "Kafka")) {
            String version = kafka.at("/spec/kafka/version").asText();
            assertThat(version).matches("4\\.2\\.[0-9]+|4\\.3\\.[01]");
        }
    }

    /** Each alert has its runbook line in k8s/README.md, under the alert's name. */
    private static void checkRunbooks(JsonNode rule) throws IOException {
        String readme = Files.readString(ROOT.resolve("k8s/README.md"));
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode alert : group.get("rules")) {
                String name = alert.get("alert").asText();
                assertThat(readme)
                        .as("k8s/README.md's runbook line for %s", name)
                        .contains("**" + name + "**");
            }
        }
    }

    /** Every workload's pods are selected by a NetworkPolicy for Ingress: none takes connections from anyone. */
    private static void checkIngressPolicy(JsonNode workload, List<JsonNode> policies) {
        JsonNode podLabels = workload.at("/spec/template/metadata/labels");
        assertThat(policies)
                .as(
                        "a NetworkPolicy for Ingress selects the pods of %s",
                        workload.at("/metadata/name").asText())
                .anyMatch(policy -> {
                    JsonNode selector = policy.at("/spec/podSelector/matchLabels");
                    return !selector.isEmpty()
                            && selector.properties().stream()
                                    .allMatch(label -> label.getValue().equals(podLabels.get(label.getKey())))
                            && policy.at("/spec/policyTypes").toString().contains("Ingress");
                });
    }

    /**
     * Pod Security "restricted", as far as docmap's manifests decide it: non-root, the runtime's seccomp profile, no
     * privilege escalation, every capability dropped, nothing of the host.
     */
    private static void checkRestricted(JsonNode workload) {
        String name = workload.at("/metadata/name").asText();
        JsonNode pod = workload.at("/spec/template/spec");
        assertThat(pod.path("hostNetwork").asBoolean()
                        || pod.path("hostPID").asBoolean()
                        || pod.path("hostIPC").asBoolean())
                .as("%s uses the host's namespaces", name)
                .isFalse();
        for (JsonNode container : pod.path("containers")) {
            String where = name + "/" + container.get("name").asText();
            JsonNode security = container.path("securityContext");
            assertThat(security.path("runAsNonRoot")
                            .asBoolean(pod.at("/securityContext/runAsNonRoot").asBoolean()))
                    .as("%s runs as non-root", where)
                    .isTrue();
            String seccomp = security.at("/seccompProfile/type")
                    .asText(pod.at("/securityContext/seccompProfile/type").asText());
            assertThat(seccomp).as("%s seccomp profile", where).isIn("RuntimeDefault", "Localhost");
            assertThat(security.path("allowPrivilegeEscalation").isBoolean()
                            && !security.get("allowPrivilegeEscalation").asBoolean())
                    .as("%s sets allowPrivilegeEscalation: false", where)
                    .isTrue();
            assertThat(security.path("privileged").asBoolean())
                    .as("%s is privileged", where)
                    .isFalse();
            List<String> dropped = new ArrayList<>();
            security.at("/capabilities/drop").forEach(c -> dropped.add(c.asText()));
            assertThat(dropped).as("%s drops every capability", where).contains("ALL");
        }
    }

    /** Every pod label the Grafana dashboard filters on is put onto the scraped series by the ServiceMonitor. */
    private static void checkScrapedLabels(JsonNode serviceMonitor) throws IOException {
        Set<String> scraped = new TreeSet<>();
        serviceMonitor
                .at("/spec/podTargetLabels")
                .forEach(l -> scraped.add(l.asText().replaceAll("[^a-zA-Z0-9_]", "_")));
        Matcher filtered = Pattern.compile("(app_kubernetes_io_[a-z_]+)=")
                .matcher(Files.readString(ROOT.resolve("k8s/base/grafana-dashboard.json")));
        while (filtered.find()) {
            assertThat(scraped)
                    .as("the dashboard filters on %s", filtered.group(1))
                    .contains(filtered.group(1));
        }
    }

    private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /**
     * KEDA's operator resolves the trigger's servers from its own namespace: a short service name is "no such host"
     * there. An in-cluster server names its namespace ({@code <service>.<namespace>.svc}); another has a domain.
     */
    private static void checkFullyQualified(String server, String namespace) {
        String host = server.strip().replaceAll(":[0-9]+$", "");
        assertThat(host).as("bootstrap server %s has a domain", server).contains(".");
        Matcher inCluster = Pattern.compile("[a-z0-9-]+\\.([a-z0-9-]+)\\.svc(\\.cluster\\.local)?")
                .matcher(host);
        if (inCluster.matches()) {
            assertThat(inCluster.group(1)).as("namespace of %s", server).isEqualTo(namespace);
        }
    }

    /** The API group of an apiVersion: "" for the core group. */
    private static String apiGroup(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static void checkDeployment(JsonNode deployment) throws IOException {
        String name = deployment.at("/metadata/name").asText();
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.get("terminationGracePeriodSeconds").asInt())
                .as("%s: grace above the 30 s quarkus.shutdown.timeout", name)
                .isGreaterThan(30);
        JsonNode container = pod.at("/containers/0");
        String image = container.get("image").asText();
        String module = image.substring(image.indexOf('/') + 1, image.indexOf(':'));
        Set<String> ports = new TreeSet<>();
        container.get("ports").forEach(p -> ports.add(p.get("name").asText()));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.at("/" + probe + "/httpGet");
            assertThat(get.isMissingNode()).as("%s has a %s", name, probe).isFalse();
            String path = get.get("path").asText();
            if (name.equals("docmap-dispatcher") && probe.equals("readinessProbe")) {
                assertThat(path).as("%s %s path", name, probe).isEqualTo(DISPATCHER_READY);
            } else {
                assertThat(HEALTH).as("%s %s path", name, probe).contains(path);
            }
            assertThat(ports)
                    .as("%s %s port", name, probe)
                    .contains(get.get("port").asText());
        }
        assertThat(deployment
                        .at("/spec/template/metadata/annotations/prometheus.io~1path")
                        .asText())
                .isEqualTo("/q/metrics");
        assertThat(container.has("envFrom"))
                .as("%s: every variable is listed, so it can be checked", name)
                .isFalse();
        String limit = container.at("/resources/limits/memory").asText();
        assertThat(mebibytes(limit))
                .as(
                        "%s: a memory limit of %s leaves the JVM the %d MiB it needs beside the heap of its jvm.options",
                        name, limit, BESIDE_HEAP_MIB)
                .isGreaterThanOrEqualTo(heapMebibytes(module) + BESIDE_HEAP_MIB);
        Set<String> known = configKeysRead(module);
        for (JsonNode env : container.path("env")) {
            String variable = env.get("name").asText();
            assertThat(known)
                    .as("%s sets %s, which %s does not read", name, variable, module)
                    .contains(variable);
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(env.at("/valueFrom/secretKeyRef").isMissingNode())
                        .as("%s: %s must come from a Secret", name, variable)
                        .isFalse();
            }
        }
    }

    /** The heap cap (-Xmx, in m) of a service's own JVM options. */
    private static long heapMebibytes(String module) throws IOException {
        return Files.readAllLines(JvmOptions.file(ROOT, module)).stream()
                .filter(line -> line.startsWith("-Xmx"))
                .map(line -> mebibytes(line.substring("-Xmx".length()).replace("m", "Mi")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(module + "'s jvm.options sets no -Xmx"));
    }

    private static long mebibytes(String quantity) {
        assertThat(quantity).as("a quantity in Mi or Gi").matches("\\d+(Mi|Gi)");
        long number = Long.parseLong(quantity.substring(0, quantity.length() - 2));
        return quantity.endsWith("Gi") ? number * 1024 : number;
    }

    /**
     * Environment variables a service reads: the ${VARIABLE} references of its application.properties and of the
     * shared files it loads from common (quarkus.config.locations), DatabaseSettings' variables where those files take
     * its docmap.db.* settings, and the environment form of its @ConfigMapping keys.
     */
    static Set<String> configKeysRead(String module) throws IOException {
        Set<String> keys = new TreeSet<>();
        Path moduleDir = ROOT.resolve(module);
        for (Path properties : propertiesFiles(moduleDir)) {
            String text = Files.readString(properties);
            Matcher refs = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(text);
            while (refs.find()) {
                keys.add(refs.group(1));
            }
            if (text.contains("${" + DatabaseSettings.SERVICE_PREFIX)) {
                keys.addAll(DatabaseSettings.VARIABLES);
            }
        }
        try (Stream<Path> sources = Files.walk(moduleDir.resolve("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith("Config.java")).toList()) {
                String java = Files.readString(source);
                Matcher prefix = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)")
                        .matcher(java);
                if (!prefix.find()) {
                    continue;
                }
                Matcher method = Pattern.compile("\\n\\s+(?:Optional<)?[\\w<>]+>? (\\w+)\\(\\);")
                        .matcher(java);
                while (method.find()) {
                    String kebab = method.group(1)
                            .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                            .toLowerCase();
                    keys.add((prefix.group(1) + "." + kebab).toUpperCase().replaceAll("[.-]", "_"));
                }
            }
        }
        return keys;
    }

    /** A service's application.properties, and the files of common's that its quarkus.config.locations names. */
    private static List<Path> propertiesFiles(Path moduleDir) throws IOException {
        Path own = moduleDir.resolve("src/main/resources/application.properties");
        List<Path> files = new ArrayList<>(List.of(own));
        Matcher locations =
                Pattern.compile("(?m)^quarkus\\.config\\.locations=(.+)$").matcher(Files.readString(own));
        if (locations.find()) {
            for (String location : locations.group(1).split(",")) {
                files.add(ROOT.resolve("common/src/main/resources").resolve(location.trim()));
            }
        }
        return files;
    }
}
