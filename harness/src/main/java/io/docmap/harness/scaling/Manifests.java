package io.docmap.harness.scaling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The Kubernetes objects a kustomize overlay renders to, as users apply them: {@code kubectl kustomize}, offline. */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {}

    public static List<JsonNode> render(Path root, String overlay) throws IOException, InterruptedException {
        return renderDirectory(root.resolve("k8s/overlays/" + overlay));
    }

    /** The objects of any kustomization: an overlay, or the base alone. */
    public static List<JsonNode> renderDirectory(Path kustomization) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(kubectl.getInputStream().readAllBytes());
        if (!kubectl.waitFor(2, TimeUnit.MINUTES) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + output);
        }
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(output)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(objects::add);
        }
        return objects;
    }

    /** The objects of a kind. */
    public static List<JsonNode> kind(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    /** The one object of a kind and name. */
    public static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return kind(objects, kind).stream()
                .filter(o -> o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " " + name + " in the rendered overlay"));
    }
}
