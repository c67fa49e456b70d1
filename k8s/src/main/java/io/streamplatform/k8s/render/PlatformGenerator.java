package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.ArrayList;
import java.util.List;

/** Builds every object of the platform from the model, in apply order (RBAC, Kafka, topics, job, apps). */
public final class PlatformGenerator {
    private PlatformGenerator() {
    }

    public static List<HasMetadata> generate(PlatformValues v) {
        List<HasMetadata> out = new ArrayList<>(RbacResources.build(v));
        out.addAll(KafkaResources.build(v));
        out.add(FlinkResources.flinkDeployment(v));
        if (v.producer().enabled()) {
            out.add(AppResources.producer(v));
        }
        if (v.consumer().enabled()) {
            out.add(AppResources.consumer(v));
        }
        return out;
    }
}
