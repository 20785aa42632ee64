package io.shopstack.multihost;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What a Kubernetes cluster would give each container of a rendered Kustomize overlay: its image, its environment
 * (literal values, {@code envFrom} ConfigMaps, Secret keys, the pod's IP and name), the Secret files it mounts and its
 * memory limit. The multi-host test starts each container with exactly this, so the manifests are what is tested.
 */
final class DeploymentManifests {

    /** One Deployment's container as a cluster would run it. */
    record Workload(
            String name,
            String image,
            int port,
            Map<String, EnvValue> environment,
            Map<String, String> secretMounts,
            String memoryLimit) {}

    /** An environment entry: a literal, a Secret key, or a field of the pod (its IP or name). */
    sealed interface EnvValue {
        record Literal(String value) implements EnvValue {}

        record SecretKey(String secret, String key, boolean optional) implements EnvValue {}

        record PodField(String fieldPath) implements EnvValue {}
    }

    private final Map<String, Workload> workloads = new LinkedHashMap<>();

    private DeploymentManifests() {}

    /** Renders the overlay with {@code kubectl kustomize} (offline, no cluster needed). */
    static DeploymentManifests render(Path overlay) {
        String yaml = Commands.run("kubectl", "kustomize", overlay.toString());
        DeploymentManifests manifests = new DeploymentManifests();
        Map<String, Map<String, String>> configMaps = new HashMap<>();
        List<Map<String, Object>> deployments = new java.util.ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            Map<String, Object> object = cast(document);
            if (object == null) {
                continue;
            }
            switch (String.valueOf(object.get("kind"))) {
                case "ConfigMap" -> {
                    Map<String, String> data = new LinkedHashMap<>();
                    Map<String, Object> raw = cast(object.getOrDefault("data", Map.of()));
                    raw.forEach((key, value) -> data.put(key, String.valueOf(value)));
                    configMaps.put(name(object), data);
                }
                case "Deployment" -> deployments.add(object);
                default -> {}
            }
        }
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> pod =
                    cast(cast(cast(deployment.get("spec")).get("template")).get("spec"));
            Map<String, Object> container = cast(((List<?>) pod.get("containers")).getFirst());
            Map<String, EnvValue> environment = new LinkedHashMap<>();
            for (Object from : list(container, "envFrom")) {
                Map<String, Object> ref = cast(cast(from).get("configMapRef"));
                if (ref != null) {
                    configMaps
                            .get(name(ref))
                            .forEach((key, value) -> environment.put(key, new EnvValue.Literal(value)));
                }
            }
            for (Object entry : list(container, "env")) {
                Map<String, Object> env = cast(entry);
                environment.put(String.valueOf(env.get("name")), envValue(env));
            }
            Map<String, String> secretVolumes = new HashMap<>();
            for (Object volume : list(pod, "volumes")) {
                Map<String, Object> secret = cast(cast(volume).get("secret"));
                if (secret != null) {
                    secretVolumes.put(name(cast(volume)), String.valueOf(secret.get("secretName")));
                }
            }
            Map<String, String> secretMounts = new LinkedHashMap<>();
            for (Object mount : list(container, "volumeMounts")) {
                String secret = secretVolumes.get(name(cast(mount)));
                if (secret != null) {
                    secretMounts.put(String.valueOf(cast(mount).get("mountPath")), secret);
                }
            }
            Map<String, Object> limits = cast(cast(container.get("resources")).get("limits"));
            int port = (Integer)
                    cast(((List<?>) container.get("ports")).getFirst()).get("containerPort");
            String name = name(deployment);
            manifests.workloads.put(
                    name,
                    new Workload(
                            name,
                            String.valueOf(container.get("image")),
                            port,
                            environment,
                            secretMounts,
                            String.valueOf(limits.get("memory"))));
        }
        return manifests;
    }

    Workload workload(String name) {
        Workload workload = workloads.get(name);
        if (workload == null) {
            throw new IllegalArgumentException(
                    "no Deployment " + name + " in the overlay (has " + workloads.keySet() + ")");
        }
        return workload;
    }

    /**
     * The environment as the container would see it: Secret keys through {@code secrets} (secret, key → value, null
     * when absent: an optional key is then left out, a required one fails like a pod that cannot start), pod fields
     * from the instance.
     */
    static Map<String, String> resolve(
            Workload workload, BiFunction<String, String, String> secrets, String podIp, String podName) {
        Map<String, String> resolved = new LinkedHashMap<>();
        workload.environment().forEach((key, value) -> {
            switch (value) {
                case EnvValue.Literal literal -> resolved.put(key, literal.value());
                case EnvValue.PodField field ->
                    resolved.put(
                            key,
                            switch (field.fieldPath()) {
                                case "status.podIP" -> podIp;
                                case "metadata.name" -> podName;
                                default -> throw new IllegalStateException("unsupported fieldRef " + field.fieldPath());
                            });
                case EnvValue.SecretKey secret -> {
                    String resolvedValue = secrets.apply(secret.secret(), secret.key());
                    if (resolvedValue != null) {
                        resolved.put(key, resolvedValue);
                    } else if (!secret.optional()) {
                        throw new IllegalStateException(workload.name() + ": " + key + " needs secret "
                                + secret.secret() + "/" + secret.key() + ", which the test does not create");
                    }
                }
            }
        });
        return resolved;
    }

    private static EnvValue envValue(Map<String, Object> env) {
        if (env.containsKey("value")) {
            return new EnvValue.Literal(String.valueOf(env.get("value")));
        }
        Map<String, Object> from = cast(env.get("valueFrom"));
        Map<String, Object> secret = cast(from.get("secretKeyRef"));
        if (secret != null) {
            return new EnvValue.SecretKey(
                    name(secret), String.valueOf(secret.get("key")), Boolean.TRUE.equals(secret.get("optional")));
        }
        Map<String, Object> field = cast(from.get("fieldRef"));
        if (field != null) {
            return new EnvValue.PodField(String.valueOf(field.get("fieldPath")));
        }
        throw new IllegalStateException("unsupported env source " + env);
    }

    private static String name(Map<String, Object> object) {
        Map<String, Object> metadata = cast(object.get("metadata"));
        return String.valueOf((metadata != null ? metadata : object).get("name"));
    }

    private static List<?> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> list ? list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
