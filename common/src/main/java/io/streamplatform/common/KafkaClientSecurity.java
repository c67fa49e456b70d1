package io.streamplatform.common;

/**
 * The Kafka client settings file of every component on Kubernetes with security on, kept in the chart
 * ({@code helm/streaming-platform/files/kafka-client.properties}) where Helm reads it, and bundled in this jar for the
 * Java renderer and the tests: TLS trusting the cluster CA, SCRAM-SHA-512 with the JAAS line taken from the environment
 * variable {@value #JAAS_ENV} by Kafka's environment-variable config provider. Both renderers write the file's text
 * followed by {@code ssl.truststore.location=<where the CA is mounted>} ({@link #properties}); the names of the Strimzi
 * Secrets' keys the pods read are here too.
 *
 * <p>Kafka clients 3.8 and later only instantiate the config providers that the system property
 * {@code org.apache.kafka.automatic.config.providers} allows; unset (as here, in 3.9 and 4.1), it allows every one.
 */
public final class KafkaClientSecurity {
    /** The file, under the chart's {@code files/}. */
    public static final String FILE = "kafka-client.properties";
    /** The environment variable holding the JAAS line ({@code sasl.jaas.config}) of the component's KafkaUser. */
    public static final String JAAS_ENV = "KAFKA_SASL_JAAS_CONFIG";
    /** The key of the JAAS line in the Secret Strimzi's user operator writes for a SCRAM-SHA-512 KafkaUser. */
    public static final String JAAS_KEY = "sasl.jaas.config";
    /** The key of the cluster CA certificate (PEM) in Strimzi's {@code <kafka>-cluster-ca-cert} Secret. */
    public static final String CA_KEY = "ca.crt";
    /** The truststore location setting the renderers append. */
    public static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";

    private KafkaClientSecurity() {
    }

    /** The file as the chart has it. */
    public static String file() {
        return Monitoring.resource("files/" + FILE);
    }

    /** The client settings with the cluster CA certificate (PEM) at {@code caPath}: the file, then the truststore location. */
    public static String properties(String caPath) {
        return file() + TRUSTSTORE_LOCATION + "=" + caPath + "\n";
    }
}
