package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.List;

/**
 * The service account the JobManager and TaskManagers run as. In native Kubernetes mode the JobManager creates and
 * deletes its TaskManager pods and keeps leader/HA data in config maps; the operator itself has its own account.
 */
final class RbacResources {
    private RbacResources() {
    }

    static List<HasMetadata> build(PlatformValues v) {
        String name = v.flinkServiceAccount();
        return List.of(
                new ServiceAccountBuilder()
                        .withMetadata(Labels.meta(v, name, Labels.of(v, "flink")))
                        .build(),
                new RoleBuilder()
                        .withMetadata(Labels.meta(v, name, Labels.of(v, "flink")))
                        .withRules(
                                new PolicyRuleBuilder()
                                        .withApiGroups("")
                                        .withResources("pods", "configmaps", "services")
                                        .withVerbs("*")
                                        .build(),
                                new PolicyRuleBuilder()
                                        .withApiGroups("apps")
                                        .withResources("deployments", "deployments/finalizers")
                                        .withVerbs("*")
                                        .build())
                        .build(),
                new RoleBindingBuilder()
                        .withMetadata(Labels.meta(v, name, Labels.of(v, "flink")))
                        .withNewRoleRef()
                            .withApiGroup("rbac.authorization.k8s.io")
                            .withKind("Role")
                            .withName(name)
                        .endRoleRef()
                        .addNewSubject()
                            .withKind("ServiceAccount")
                            .withName(name)
                            .withNamespace(v.namespace())
                        .endSubject()
                        .build());
    }
}
