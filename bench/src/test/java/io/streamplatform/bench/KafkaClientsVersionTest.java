package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The Kafka Streams job and the baselines run on the Flink job's client generation: the kafka-clients on the bench's
 * classpath is {@code job.kafka-clients.version}, and kafka-streams is the same release.
 */
class KafkaClientsVersionTest {
    @Test
    void kafkaStreamsAndKafkaClientsAreTheJobsRelease() throws Exception {
        String clients = AppInfoParser.getVersion();
        assertThat(clients).as("kafka-clients on the classpath").isEqualTo(System.getProperty("job.kafka-clients.version"));
        Path streamsJar = Path.of(KafkaStreams.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(streamsJar.getFileName().toString()).as("the kafka-streams jar").isEqualTo("kafka-streams-" + clients + ".jar");
    }
}
