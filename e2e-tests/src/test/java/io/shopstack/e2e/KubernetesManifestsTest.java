package io.shopstack.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders each Kustomize overlay of deploy/k8s with {@code kubectl kustomize} (offline, no cluster) and checks what a
 * deployment must hold for every workload: Boot's probe groups, requests and limits, a locked-down securityContext, no
 * secret value anywhere, a PodDisruptionBudget each, autoscaling for the four scalable services, one Ingress (the
 * gateway), NetworkPolicies that let each deployable be reached only by its callers and reach only its
 * infrastructure, and every variable the deployable's prod profile requires (read with the prod guard's own reader).
 */
class KubernetesManifestsTest {

    private static final Path ROOT = RunningPlatform.findRoot();

    private static final Map<String, Integer> PORTS = Map.of(
            "config-server", 8888,
            "discovery", 8761,
            "auth-server", 9000,
            "product-service", 8002,
            "cart-service", 8003,
            "order-service", 8004,
            "gateway", 8080,
            "observability", 9090);

    private static final Set<String> AUTOSCALED = Set.of("gateway", "product-service", "cart-service", "order-service");

    private static final String PROMETHEUS = "monitoring/prometheus";
    private static final String INGRESS_CONTROLLER = "ingress-nginx/ingress-nginx";

    /**
     * Who may open a connection to each deployable ("namespace/pod" outside shopstack's namespace). Spring Boot Admin
     * (observability) and Prometheus read every actuator; everything else is the call graph.
     */
    private static final Map<String, Set<String>> CALLERS = Map.of(
            "gateway",
            Set.of(INGRESS_CONTROLLER, "observability", PROMETHEUS),
            "product-service",
            Set.of("cart-service", "gateway", "observability", PROMETHEUS),
            "cart-service",
            Set.of("gateway", "order-service", "observability", PROMETHEUS),
            "order-service",
            Set.of("gateway", "observability", PROMETHEUS),
            "config-server",
            Set.of(
                    "auth-server",
                    "product-service",
                    "cart-service",
                    "order-service",
                    "gateway",
                    "observability",
                    PROMETHEUS),
            "discovery",
            Set.of(
                    "auth-server",
                    "product-service",
                    "cart-service",
                    "order-service",
                    "gateway",
                    "observability",
                    PROMETHEUS),
            "auth-server",
            Set.of(
                    "gateway",
                    "config-server",
                    "product-service",
                    "cart-service",
                    "order-service",
                    "observability",
                    PROMETHEUS),
            "observability",
            Set.of("observability", PROMETHEUS));

    /** The ports each deployable may reach outside its namespace: its infrastructure only (DNS aside). */
    private static final Map<String, Set<Integer>> EXTERNAL_PORTS = Map.of(
            "config-server", Set.of(9092, 9093, 443, 22),
            "discovery", Set.of(),
            "auth-server", Set.of(5432),
            "product-service", Set.of(5432, 9092, 9093, 9411),
            "cart-service", Set.of(5432, 9092, 9093, 6379, 9411),
            "order-service", Set.of(5432, 9092, 9093, 9411),
            "gateway", Set.of(9092, 9093, 6379, 9411),
            "observability", Set.of(443, 80));

    /** Names whose value is a credential: only ever a Secret reference. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_HASH|ENCRYPT_KEY|JAAS).*");

    private static final String SIGNING_KEY = "SHOPSTACK_AUTH_SIGNING_KEY";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void everyWorkloadIsDeployableUnderProd(String overlay) throws Exception {
        Rendered rendered = render(overlay);

        assertThat(rendered.named("Deployment").keySet()).containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        assertThat(rendered.all("Secret"))
                .as("no Secret is committed: they are created in the cluster (deploy/k8s/README.md)")
                .isEmpty();
        for (Map<String, Object> configMap : rendered.all("ConfigMap")) {
            assertThat(map(configMap, "data").keySet())
                    .as("ConfigMap %s holds no credential", name(configMap))
                    .noneMatch(key -> SECRET_NAME.matcher(key).matches());
        }
        String readme = Files.readString(ROOT.resolve("deploy/k8s/README.md"));
        for (var entry : rendered.named("Deployment").entrySet()) {
            checkWorkload(entry.getKey(), entry.getValue(), rendered, readme);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void disruptionBudgetsAutoscalersAndOneIngress(String overlay) throws Exception {
        Rendered rendered = render(overlay);

        for (String deployable : PORTS.keySet()) {
            Map<String, Object> labels = podLabels(rendered.named("Deployment").get(deployable));
            assertThat(rendered.all("PodDisruptionBudget").stream()
                            .filter(pdb -> selects(map(map(pdb, "spec"), "selector"), labels)))
                    .as("one PodDisruptionBudget for %s", deployable)
                    .hasSize(1);
            List<Map<String, Object>> services = rendered.all("Service").stream()
                    .filter(service -> matchesLabels(map(map(service, "spec"), "selector"), labels))
                    .toList();
            assertThat(services).as("one Service for %s", deployable).hasSize(1);
            assertThat(list(map(services.getFirst(), "spec"), "ports"))
                    .as("%s's Service port", deployable)
                    .anySatisfy(
                            port -> assertThat(((Map<?, ?>) port).get("port")).isEqualTo(PORTS.get(deployable)));
        }

        Map<String, Map<String, Object>> autoscalers = new TreeMap<>();
        for (Map<String, Object> hpa : rendered.all("HorizontalPodAutoscaler")) {
            Map<String, Object> target = map(map(hpa, "spec"), "scaleTargetRef");
            assertThat(target.get("kind")).isEqualTo("Deployment");
            autoscalers.put((String) target.get("name"), map(hpa, "spec"));
        }
        assertThat(autoscalers.keySet()).containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        autoscalers.forEach((target, spec) -> {
            int min = (Integer) spec.get("minReplicas");
            int max = (Integer) spec.get("maxReplicas");
            assertThat(min).as("%s min replicas", target).isPositive().isLessThan(max);
            assertThat(list(spec, "metrics"))
                    .as("%s scales on a metric", target)
                    .isNotEmpty();
            // A fixed count above the autoscaler's minimum would be forced back on every apply.
            Object replicas =
                    map(rendered.named("Deployment").get(target), "spec").get("replicas");
            assertThat(replicas == null || (Integer) replicas <= min)
                    .as("%s: the autoscaler owns the replica count (%s)", target, replicas)
                    .isTrue();
        });

        List<Map<String, Object>> ingresses = rendered.all("Ingress");
        assertThat(ingresses).as("exactly one Ingress").hasSize(1);
        List<Object> backends = new ArrayList<>();
        for (Object rule : list(map(ingresses.getFirst(), "spec"), "rules")) {
            for (Object path : list(map(cast(rule), "http"), "paths")) {
                backends.add(map(map(cast(path), "backend"), "service").get("name"));
            }
        }
        assertThat(backends).isNotEmpty().containsOnly("gateway");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "prod"})
    void networkPoliciesLetOnlyTheCallersIn(String overlay) throws Exception {
        Rendered rendered = render(overlay);
        List<Map<String, Object>> policies = rendered.all("NetworkPolicy");

        assertThat(policies).as("a default deny of ingress for every pod").anySatisfy(policy -> {
            Map<String, Object> spec = map(policy, "spec");
            assertThat(map(spec, "podSelector")).isEmpty();
            assertThat(list(spec, "policyTypes")).contains("Ingress");
            assertThat(spec.get("ingress")).isNull();
        });
        assertThat(policies).as("egress is restricted for every pod").anySatisfy(policy -> {
            assertThat(map(map(policy, "spec"), "podSelector")).isEmpty();
            assertThat(list(map(policy, "spec"), "policyTypes")).contains("Egress");
        });

        Map<String, Set<String>> callers = new TreeMap<>();
        Map<String, Set<Integer>> externalPorts = new TreeMap<>();
        for (var deployment : rendered.named("Deployment").entrySet()) {
            String deployable = deployment.getKey();
            Map<String, Object> labels = podLabels(deployment.getValue());
            Set<String> from = new TreeSet<>();
            Set<Integer> out = new TreeSet<>();
            for (Map<String, Object> policy : policies) {
                Map<String, Object> spec = map(policy, "spec");
                if (!selects(map(spec, "podSelector"), labels)) {
                    continue;
                }
                for (Object rule : listOrEmpty(spec, "ingress")) {
                    Map<String, Object> ingress = cast(rule);
                    for (Object port : listOrEmpty(ingress, "ports")) {
                        assertThat(cast(port).get("port"))
                                .as("%s is reached on its own port (%s)", deployable, name(policy))
                                .isEqualTo(PORTS.get(deployable));
                    }
                    if (ingress.get("from") == null) {
                        from.add("anyone");
                    }
                    for (Object peer : listOrEmpty(ingress, "from")) {
                        from.add(peer(cast(peer)));
                    }
                }
                for (Object rule : listOrEmpty(spec, "egress")) {
                    Map<String, Object> egress = cast(rule);
                    List<Object> to = listOrEmpty(egress, "to");
                    boolean leavesNamespace = to.isEmpty()
                            || to.stream()
                                    .map(KubernetesManifestsTest::cast)
                                    .anyMatch(peer ->
                                            peer.containsKey("ipBlock") || peer.containsKey("namespaceSelector"));
                    if (!leavesNamespace) {
                        continue;
                    }
                    List<Integer> ports = listOrEmpty(egress, "ports").stream()
                            .map(port -> (Integer) cast(port).get("port"))
                            .toList();
                    assertThat(ports)
                            .as("egress anywhere names its ports (%s)", name(policy))
                            .isNotEmpty();
                    if (to.isEmpty()) {
                        assertThat(ports)
                                .as("to any address only DNS (%s)", name(policy))
                                .containsOnly(53);
                    } else {
                        out.addAll(ports);
                    }
                }
            }
            callers.put(deployable, from);
            externalPorts.put(deployable, out);
        }
        assertThat(callers).as("who may connect to each deployable").isEqualTo(new TreeMap<>(CALLERS));
        assertThat(externalPorts)
                .as("what each deployable may reach outside the namespace")
                .isEqualTo(new TreeMap<>(EXTERNAL_PORTS));
    }

    private static void checkWorkload(
            String deployable, Map<String, Object> deployment, Rendered rendered, String readme) throws IOException {
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        assertThat(pod.get("automountServiceAccountToken"))
                .as("%s: no service account token", deployable)
                .isEqualTo(false);
        assertThat(pod.get("hostNetwork")).as("%s: no host network", deployable).isNotEqualTo(true);
        Map<String, Object> podSecurity = mapOrEmpty(pod, "securityContext");
        List<Object> containers = list(pod, "containers");
        assertThat(containers).as("%s: one container", deployable).hasSize(1);
        Map<String, Object> container = cast(containers.getFirst());

        assertThat((String) container.get("image"))
                .as("%s: image shopstack/%s at a tag the overlay sets", deployable, deployable)
                .matches("(.+/)?shopstack/" + Pattern.quote(deployable) + ":[\\w.-]+")
                .doesNotEndWith(":latest");

        // Probes on Boot's groups; startup generous enough for a cold JVM on a busy node.
        Map<String, Object> startup = map(container, "startupProbe");
        assertThat(probePath(startup)).as("%s startup", deployable).isEqualTo("/actuator/health/liveness");
        assertThat((Integer) startup.get("failureThreshold") * (Integer) startup.getOrDefault("periodSeconds", 10))
                .as("%s: seconds the startup probe waits", deployable)
                .isGreaterThanOrEqualTo(120);
        assertThat(probePath(map(container, "livenessProbe")))
                .as("%s liveness", deployable)
                .isEqualTo("/actuator/health/liveness");
        assertThat(probePath(map(container, "readinessProbe")))
                .as("%s readiness", deployable)
                .isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Object port = map(map(container, probe), "httpGet").get("port");
            assertThat(port).as("%s %s port", deployable, probe).isIn("http", PORTS.get(deployable));
        }
        assertThat(list(container, "ports"))
                .anySatisfy(port -> assertThat(cast(port).get("containerPort")).isEqualTo(PORTS.get(deployable)));

        Map<String, Object> resources = map(container, "resources");
        for (String kind : List.of("requests", "limits")) {
            assertThat(map(resources, kind).keySet())
                    .as("%s: %s", deployable, kind)
                    .contains("cpu", "memory");
        }

        Map<String, Object> security = map(container, "securityContext");
        assertThat(effective("runAsNonRoot", security, podSecurity))
                .as("%s runAsNonRoot", deployable)
                .isEqualTo(true);
        assertThat(effective("runAsUser", security, podSecurity))
                .as("%s runAsUser", deployable)
                .isEqualTo(65532);
        assertThat(security.get("allowPrivilegeEscalation"))
                .as("%s privilege escalation", deployable)
                .isEqualTo(false);
        assertThat(list(map(security, "capabilities"), "drop"))
                .as("%s capabilities", deployable)
                .contains("ALL");
        assertThat(mapOrEmpty(security, "capabilities").get("add"))
                .as("%s adds none", deployable)
                .isNull();
        Object seccomp = security.containsKey("seccompProfile")
                ? security.get("seccompProfile")
                : podSecurity.get("seccompProfile");
        assertThat(cast(seccomp).get("type")).as("%s seccomp", deployable).isEqualTo("RuntimeDefault");
        assertThat(security.get("readOnlyRootFilesystem"))
                .as("%s read-only root", deployable)
                .isEqualTo(true);
        Map<String, Map<String, Object>> volumes = new HashMap<>();
        for (Object volume : listOrEmpty(pod, "volumes")) {
            volumes.put((String) cast(volume).get("name"), cast(volume));
        }
        Map<String, Map<String, Object>> mounts = new HashMap<>();
        for (Object mount : listOrEmpty(container, "volumeMounts")) {
            mounts.put((String) cast(mount).get("mountPath"), volumes.get((String)
                    cast(mount).get("name")));
        }
        assertThat(mounts.get("/tmp"))
                .as("%s: a writable /tmp", deployable)
                .isNotNull()
                .containsKey("emptyDir");
        assertThat(volumes.values())
                .as("%s: no host paths", deployable)
                .noneMatch(volume -> volume.containsKey("hostPath"));

        checkEnvironment(deployable, container, mounts, rendered, readme);
    }

    /** Every variable the deployable's prod profile requires is set, and every credential comes from a Secret. */
    private static void checkEnvironment(
            String deployable,
            Map<String, Object> container,
            Map<String, Map<String, Object>> mounts,
            Rendered rendered,
            String readme)
            throws IOException {
        Map<String, String> provided = new LinkedHashMap<>();
        for (Object source : listOrEmpty(container, "envFrom")) {
            Map<String, Object> from = cast(source);
            assertThat(from)
                    .as(
                            "%s: envFrom only from ConfigMaps (Secrets key by key, so each is named and documented)",
                            deployable)
                    .containsOnlyKeys("configMapRef");
            String configMap = (String) map(from, "configMapRef").get("name");
            Map<String, Object> found = rendered.named("ConfigMap").get(configMap);
            assertThat(found)
                    .as("%s: ConfigMap %s is rendered", deployable, configMap)
                    .isNotNull();
            map(found, "data").forEach((key, value) -> provided.put(key, String.valueOf(value)));
        }
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object variable : listOrEmpty(container, "env")) {
            env.put((String) cast(variable).get("name"), cast(variable));
        }
        for (var entry : env.entrySet()) {
            String variable = entry.getKey();
            Map<String, Object> definition = entry.getValue();
            if (definition.containsKey("value")) {
                String value = String.valueOf(definition.get("value"));
                if (variable.equals(SIGNING_KEY)) {
                    Path file = Path.of(value);
                    assertThat(mounts.get(String.valueOf(file.getParent())))
                            .as("%s: %s is a file mounted from a Secret", deployable, variable)
                            .isNotNull()
                            .containsKey("secret");
                } else {
                    assertThat(SECRET_NAME.matcher(variable).matches())
                            .as("%s: %s is a credential and has a value in the manifest", deployable, variable)
                            .isFalse();
                }
                provided.put(variable, value);
                continue;
            }
            Map<String, Object> from = map(definition, "valueFrom");
            if (from.containsKey("secretKeyRef")) {
                Map<String, Object> ref = map(from, "secretKeyRef");
                String secret = (String) ref.get("name");
                String key = (String) ref.get("key");
                assertThat(readme)
                        .as("deploy/k8s/README.md documents Secret %s key %s (%s)", secret, key, deployable)
                        .containsPattern("(?m)^\\|\\s*`" + Pattern.quote(secret) + "`.*`" + Pattern.quote(key) + "`");
                if (!Boolean.TRUE.equals(ref.get("optional"))) {
                    provided.put(variable, "<secret " + secret + "/" + key + ">");
                }
            } else if (from.containsKey("configMapKeyRef")) {
                Map<String, Object> ref = map(from, "configMapKeyRef");
                Map<String, Object> configMap = rendered.named("ConfigMap").get((String) ref.get("name"));
                assertThat(configMap)
                        .as("%s: ConfigMap %s", deployable, ref.get("name"))
                        .isNotNull();
                provided.put(variable, String.valueOf(map(configMap, "data").get(ref.get("key"))));
            } else {
                String field = (String) map(from, "fieldRef").get("fieldPath");
                provided.put(variable, "<" + field + ">");
            }
            assertThat(SECRET_NAME.matcher(variable).matches() && !from.containsKey("secretKeyRef"))
                    .as("%s: credential %s comes from a Secret", deployable, variable)
                    .isFalse();
        }

        assertThat(provided.get("SPRING_PROFILES_ACTIVE"))
                .as("%s profile", deployable)
                .isEqualTo("prod");
        Set<String> required = DeployableRequirements.of(deployable);
        assertThat(required).as("what %s needs under prod", deployable).isNotEmpty();
        for (String variable : required) {
            assertThat(provided.get(variable))
                    .as("%s: prod requires %s", deployable, variable)
                    .isNotNull()
                    .isNotBlank();
        }
        if (required.contains("SHOPSTACK_HOST_IP")) {
            // Eureka: other pods reach this one at its pod IP.
            assertThat(provided.get("SHOPSTACK_HOST_IP")).isEqualTo("<status.podIP>");
            assertThat(provided.get("SHOPSTACK_HOSTNAME")).isEqualTo("<metadata.name>");
            assertThat(provided.get("EUREKA_USER"))
                    .as("%s logs in to Eureka as itself", deployable)
                    .isEqualTo(deployable);
        }
    }

    // --- rendering and YAML helpers -------------------------------------------------------------------------------

    private record Rendered(List<Map<String, Object>> objects) {

        List<Map<String, Object>> all(String kind) {
            return objects.stream()
                    .filter(object -> kind.equals(object.get("kind")))
                    .toList();
        }

        Map<String, Map<String, Object>> named(String kind) {
            Map<String, Map<String, Object>> byName = new TreeMap<>();
            for (Map<String, Object> object : all(kind)) {
                byName.put(name(object), object);
            }
            return byName;
        }
    }

    private static final Map<String, Rendered> RENDERED = new HashMap<>();

    private static synchronized Rendered render(String overlay) throws Exception {
        if (RENDERED.containsKey(overlay)) {
            return RENDERED.get(overlay);
        }
        Path directory = ROOT.resolve("deploy/k8s/overlays").resolve(overlay);
        Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
        } catch (IOException notInstalled) {
            Assumptions.abort("kubectl is not installed, the Kubernetes manifests are NOT checked (install kubectl "
                    + "1.27+ with kustomize v5: " + notInstalled.getMessage() + ")");
            throw notInstalled;
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kubectl kustomize " + overlay + " did not finish within 60 s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertThat(process.exitValue())
                .as("kubectl kustomize %s:%n%s", overlay, text)
                .isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document != null) {
                objects.add(cast(document));
            }
        }
        Rendered rendered = new Rendered(objects);
        RENDERED.put(overlay, rendered);
        return rendered;
    }

    private static String peer(Map<String, Object> peer) {
        if (peer.containsKey("ipBlock")) {
            return "ip " + map(peer, "ipBlock").get("cidr");
        }
        String pod = String.valueOf(mapOrEmpty(mapOrEmpty(peer, "podSelector"), "matchLabels")
                .getOrDefault("app.kubernetes.io/name", peer.containsKey("podSelector") ? "?" : "*"));
        if (peer.containsKey("namespaceSelector")) {
            Object namespace = mapOrEmpty(map(peer, "namespaceSelector"), "matchLabels")
                    .getOrDefault("kubernetes.io/metadata.name", "*");
            return namespace + "/" + pod;
        }
        return mapOrEmpty(peer, "podSelector").isEmpty() ? "every pod in the namespace" : pod;
    }

    private static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels");
    }

    /** A label selector (matchLabels and In/NotIn expressions) against pod labels; an empty one selects all. */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        if (!matchesLabels(mapOrEmpty(selector, "matchLabels"), labels)) {
            return false;
        }
        for (Object item : listOrEmpty(selector, "matchExpressions")) {
            Map<String, Object> expression = cast(item);
            Object value = labels.get(expression.get("key"));
            List<Object> values = listOrEmpty(expression, "values");
            boolean matches = switch ((String) expression.get("operator")) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("operator " + expression.get("operator"));
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesLabels(Map<String, Object> wanted, Map<String, Object> labels) {
        return wanted.entrySet().stream()
                .allMatch(entry -> Objects.equals(labels.get(entry.getKey()), entry.getValue()));
    }

    private static Object effective(String field, Map<String, Object> container, Map<String, Object> pod) {
        return container.containsKey(field) ? container.get(field) : pod.get(field);
    }

    private static String probePath(Map<String, Object> probe) {
        return (String) map(probe, "httpGet").get("path");
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object, "metadata").get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("%s in %s", key, parent.keySet()).isInstanceOf(Map.class);
        return cast(value);
    }

    private static Map<String, Object> mapOrEmpty(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : cast(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("%s in %s", key, parent.keySet()).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOrEmpty(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? List.of() : (List<Object>) value;
    }
}
