package io.streamplatform.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client config file: security settings only, one-line errors that never quote a value, and the job's option. */
class ClientConfigTest {
    private static final String SECRET = "s3cret-value";

    @TempDir
    Path tmp;

    private Path file(String text) throws Exception {
        Path f = Files.createTempFile(tmp, "client", ".properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsTheSecuritySettings() throws Exception {
        Path f = file("# comment\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"" + SECRET + "\";\n"
                + "ssl.truststore.location=/etc/ca.p12\n");
        assertThat(ClientConfig.load(f.toString())).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.location").containsEntry("security.protocol", "SASL_SSL");
        assertThat(ClientConfig.load(null)).isEmpty();
        assertThat(ClientConfig.load(" ")).isEmpty();
    }

    @Test
    void refusesOtherSettingsAndBadFilesInOneLineWithoutValues() throws Exception {
        assertThatThrownBy(() -> ClientConfig.load(file("security.protocol=SSL\nisolation.level=read_uncommitted\n").toString()))
                .isInstanceOf(ClientConfig.Invalid.class).hasMessageContaining("sets 'isolation.level'; only security.protocol, ssl.*, sasl.* and config.providers*");
        assertThatThrownBy(() -> ClientConfig.load(file("ssl.key.password=\n").toString()))
                .hasMessageEndingWith("gives 'ssl.key.password' no value");
        assertThatThrownBy(() -> ClientConfig.load(file("security.protocol=" + SECRET + "\n").toString()))
                .hasMessageContaining("security.protocol must be one of").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ClientConfig.load(file("sasl.jaas.config=\\u12" + SECRET + "\n").toString()))
                .hasMessageContaining("malformed escape").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ClientConfig.load(tmp.resolve("missing").toString()))
                .hasMessage("--client-config: no such file " + tmp.resolve("missing"));
        assertThatThrownBy(() -> ClientConfig.load(tmp.toString())).hasMessageStartingWith("--client-config: cannot read " + tmp);
    }

    @Test
    void theJobsOptionsCarryTheSettingsToEveryClient() throws Exception {
        Path f = file("security.protocol=SSL\nssl.truststore.password=" + SECRET + "\n");
        EventsOptions o = new EventsDefinition().parse("--client-config", f.toString());
        assertThat(o.clientSecurity()).isEqualTo(Map.of("security.protocol", "SSL", "ssl.truststore.password", SECRET));
        assertThat(o.clientConfig).isEqualTo(f.toString());
        assertThat(new EventsDefinition().parse().clientSecurity()).isEmpty();
        Path bad = file("bootstrap.servers=elsewhere:9092\n");
        assertThatThrownBy(() -> new EventsDefinition().parse("--client-config", bad.toString()))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("sets 'bootstrap.servers'");
        // A secret given as a client property would sit on the job's command line, visible in Flink's UI and `ps`.
        assertThatThrownBy(() -> new EventsDefinition().parse("--producer-property", "ssl.key.password=" + SECRET))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--producer-property ssl.key.password: a secret does not go on the command line; put it in --client-config FILE");
        assertThatThrownBy(() -> new EventsDefinition().parse("--consumer-property", "sasl.jaas.config=x"))
                .hasMessageStartingWith("--consumer-property sasl.jaas.config: a secret");
        assertThat(new EventsDefinition().parse("--consumer-property", "security.protocol=SSL").consumerProperties)
                .containsEntry("security.protocol", "SSL");
    }
}
