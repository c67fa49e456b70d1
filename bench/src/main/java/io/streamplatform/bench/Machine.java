package io.streamplatform.bench;

import io.streamplatform.local.PlatformHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.kafka.common.utils.AppInfoParser;

/** What the figures were measured on. */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe(PlatformHome home) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        m.put("memoryGb", mem == null ? null : Math.round(Long.parseLong(mem.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0 * 10) / 10.0);
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("flink", EnvironmentInformation.getVersion());
        m.put("kafkaClients", AppInfoParser.getVersion());
        m.put("kafkaBroker", brokerVersion(home));
        return m;
    }

    private static String brokerVersion(PlatformHome home) {
        try (Stream<Path> jars = Files.list(home.brokerLib())) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.matches("kafka_[0-9.]+-[0-9.]+\\.jar"))
                    .map(n -> n.replaceAll("kafka_[0-9.]+-([0-9.]+)\\.jar", "$1")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
