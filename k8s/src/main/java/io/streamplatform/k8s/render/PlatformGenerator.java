package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.streamplatform.k8s.model.JobCatalogue;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds every object of the platform from the model, in apply order: RBAC, Kafka, the enabled jobs' topics, with
 * security the client settings and the KafkaUsers, one FlinkDeployment per enabled job, the apps; with monitoring, the PodMonitors, the dashboard and the alert rules.
 */
public final class PlatformGenerator {
    private PlatformGenerator() {
    }

    /** With the installed catalogue. */
    public static List<HasMetadata> generate(PlatformValues v) {
        return generate(v, JobCatalogue.installed());
    }

    public static List<HasMetadata> generate(PlatformValues v, JobCatalogue catalogue) {
        List<HasMetadata> out = new ArrayList<>(RbacResources.build(v));
        out.addAll(KafkaResources.build(v));
        if (v.security().enabled()) {
            out.addAll(SecurityResources.build(v, catalogue));
        }
        for (String job : v.enabledJobs()) {
            out.add(FlinkResources.flinkDeployment(v, job, catalogue.get(job)));
        }
        if (v.producer().enabled()) {
            out.add(AppResources.producer(v, catalogue.get(v.producer().job())));
        }
        if (v.consumer().enabled()) {
            out.add(AppResources.consumer(v, catalogue.get(v.consumer().job())));
        }
        if (v.monitoring().enabled()) {
            out.addAll(MonitoringResources.build(v));
        }
        return out;
    }
}
