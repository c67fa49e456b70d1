package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.streamplatform.k8s.model.ResourcesValues;
import java.util.LinkedHashMap;
import java.util.Map;

/** Container resource requirements from the model. */
final class Resources {
    private Resources() {
    }

    static ResourceRequirements requirements(ResourcesValues r) {
        return new ResourceRequirementsBuilder()
                .withRequests(amounts(r.requests()))
                .withLimits(amounts(r.limits()))
                .build();
    }

    private static Map<String, Quantity> amounts(ResourcesValues.Amounts a) {
        Map<String, Quantity> map = new LinkedHashMap<>();
        map.put("cpu", new Quantity(a.cpu()));
        map.put("memory", new Quantity(a.memory()));
        return map;
    }
}
