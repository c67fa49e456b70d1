package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.local.KafkaBroker;
import io.streamplatform.local.LocalFlinkCluster;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scraper against Flink's own reporter (an idle runtime: its JobManager and TaskManager metrics), and against nothing. */
class MetricsScraperTest {

    @Test
    @Timeout(60)
    void readsTheRuntimesEndpointAtEveryInterval() throws Exception {
        try (LocalFlinkCluster flink = new LocalFlinkCluster(1, 0, KafkaBroker.freePort());
             MetricsScraper scraper = MetricsScraper.start(flink.metricsUrl(), Duration.ofMillis(200), "no-such-job")) {
            MetricsScraper.Result r = await(scraper, s -> s.scrapes() >= 3);
            assertThat(r.failures()).as("failed scrapes: " + r.lastFailure()).isZero();
            assertThat(r.maxSamples()).as("samples of the runtime's own metrics").isPositive();
            assertThat(r.maxJobSamples()).as("samples of a job that does not run").isZero();
            assertThat(scraper.stop().scrapes()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    @Timeout(30)
    void countsScrapesThatFail() throws Exception {
        try (MetricsScraper scraper = MetricsScraper.start("http://127.0.0.1:" + KafkaBroker.freePort() + "/metrics",
                Duration.ofMillis(100), "job")) {
            MetricsScraper.Result r = await(scraper, s -> s.failures() >= 2);
            assertThat(r.scrapes()).isZero();
            assertThat(r.lastFailure()).contains("ConnectException");
        }
    }

    /** The scraper's result once {@code done} holds, within 20 s. */
    private static MetricsScraper.Result await(MetricsScraper scraper, Predicate<MetricsScraper.Result> done) {
        return Awaitility.await("the scraper's result").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(scraper::result, done);
    }
}
