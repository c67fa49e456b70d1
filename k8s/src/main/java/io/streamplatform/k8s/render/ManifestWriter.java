package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Serialises objects as multi-document YAML, to one stream or one file per object. */
public final class ManifestWriter {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestWriter() {
    }

    public static String toYaml(HasMetadata object) {
        String yaml = SERIALIZATION.asYaml(object);
        return yaml.startsWith("---") ? yaml : "---\n" + yaml;
    }

    public static String toYaml(List<HasMetadata> objects) {
        StringBuilder out = new StringBuilder();
        for (HasMetadata object : objects) {
            out.append(toYaml(object));
        }
        return out.toString();
    }

    /** Writes {@code NN-kind-name.yaml} files (numbered in apply order) and returns their paths. */
    public static List<Path> toDirectory(List<HasMetadata> objects, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            HasMetadata o = objects.get(i);
            Path file = dir.resolve(String.format(Locale.ROOT, "%02d-%s-%s.yaml", i + 1,
                    o.getKind().toLowerCase(Locale.ROOT), o.getMetadata().getName()));
            Files.writeString(file, toYaml(o));
            files.add(file);
        }
        return files;
    }
}
