package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels every object carries; the chart's {@code _helpers.tpl} defines the same ones, except the two that name
 * the tool: Helm writes {@code helm.sh/chart} and {@code app.kubernetes.io/managed-by: Helm}, this generator
 * {@code app.kubernetes.io/managed-by: }{@value #MANAGED_BY}.
 */
public final class Labels {
    static final String PART_OF = "streaming-platform";
    public static final String MANAGED_BY = "streaming-platform-k8s";
    /** The catalogue job a FlinkDeployment runs. */
    public static final String JOB = "streaming-platform/job";

    private Labels() {
    }

    /** Selector labels of a component (used in Deployment selectors). */
    static Map<String, String> selector(PlatformValues v, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", PART_OF);
        labels.put("app.kubernetes.io/instance", v.name());
        labels.put("app.kubernetes.io/component", component);
        return labels;
    }

    /** All labels of a component's objects. */
    static Map<String, String> of(PlatformValues v, String component) {
        Map<String, String> labels = selector(v, component);
        labels.put("app.kubernetes.io/part-of", PART_OF);
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        return labels;
    }

    /** Labels of a Strimzi resource that belongs to the Kafka cluster (node pools, topics). */
    static Map<String, String> strimzi(PlatformValues v) {
        Map<String, String> labels = of(v, "kafka");
        labels.put("strimzi.io/cluster", v.kafka().name());
        return labels;
    }

    /** The metadata of an object in the platform's namespace. */
    static ObjectMeta meta(PlatformValues v, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(v.namespace()).withLabels(labels).build();
    }
}
