package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart writer over a small report: readable PNGs named after the JSON, with a bar for every figure. */
class ChartsTest {
    @TempDir
    Path dir;

    private static Stat stat(double median, double min, double max) {
        return new Stat(median, min, max, 3);
    }

    private static Benchmark.ThroughputFigure throughput(String scenario, int p, double median) {
        return new Benchmark.ThroughputFigure(scenario, p, null, stat(median, median * 0.8, median * 1.1), null,
                null, null, null, null, null, List.of());
    }

    private static Benchmark.LatencyFigure latency(String scenario, double p50, double p99, double p999) {
        return new Benchmark.LatencyFigure(scenario, 2, 20_000, stat(p50, p50 - 1, p50 + 1), stat(p99, p99 * 0.9, p99 * 1.1),
                stat(p999, p999 * 0.95, p999 * 1.2), stat(p999 * 1.1, p999, p999 * 1.3), List.of());
    }

    private static Benchmark.Report report() {
        List<Benchmark.ThroughputFigure> t = new ArrayList<>();
        for (int p : List.of(1, 2, 4)) {
            t.add(throughput("copy-txn", p, 1_400_000));
            t.add(throughput("flink-full-eo", p, 800_000));
            t.add(throughput("flink-full-eo-metrics", p, 780_000));
        }
        t.add(throughput("logs flink-full-eo", 2, 300_000));
        List<Benchmark.LatencyFigure> l = List.of(latency("copy-alo", 4, 10, 15), latency("copy-txn", 577, 1428, 1496),
                latency("flink-full-eo", 543, 1229, 1493), latency("flink-full-alo", 0, 10, 17));
        return new Benchmark.Report(Map.of(), Map.of("events", 2_000_000L, "runs", 3), t, List.of(), List.of(), l, List.of(), null, List.of(), List.of(), List.of());
    }

    @Test
    void writesAThroughputAndALatencyPngNamedAfterTheJson() throws Exception {
        Path json = dir.resolve("benchmark-20261201-101500.json");

        List<Path> written = Charts.write(report(), json);

        Path throughput = dir.resolve("benchmark-20261201-101500-throughput.png");
        Path latency = dir.resolve("benchmark-20261201-101500-latency.png");
        assertThat(written).containsExactly(throughput, latency);
        for (Path png : written) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).as(png + " starts with the PNG signature").startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png + " read by ImageIO").isNotNull();
            assertThat(image.getWidth()).as(png + " width").isBetween(800, 4000);
            assertThat(image.getHeight()).as(png + " height").isBetween(400, 2000);
        }
        // A colour per parallelism (percentile) in the bars: the palette's first three, each drawn.
        BufferedImage t = ImageIO.read(throughput.toFile());
        assertThat(t.getWidth()).as("wider with more bars: 10 bars").isGreaterThanOrEqualTo(800);
        for (int rgb : new int[] {0x0072B2, 0xE69F00, 0x009E73}) {
            assertThat(pixels(t, rgb)).as("bars of colour %06x in the throughput chart", rgb).isGreaterThan(500);
            assertThat(pixels(ImageIO.read(latency.toFile()), rgb)).as("bars of colour %06x in the latency chart", rgb).isGreaterThan(200);
        }
    }

    @Test
    void writesOnlyTheChartsOfFiguresTheReportHas() {
        Benchmark.Report r = report();
        Benchmark.Report onlyLatency = new Benchmark.Report(r.machine(), r.method(), List.of(), List.of(), List.of(), r.latency(), List.of(), null, List.of(), List.of(), List.of());

        assertThat(Charts.write(onlyLatency, dir.resolve("b.json"))).containsExactly(dir.resolve("b-latency.png"));
        assertThat(dir.resolve("b-throughput.png")).doesNotExist();
    }

    @Test
    void aChartThatCannotBeWrittenIsOneLineNamingTheFileAndWhy() throws Exception {
        Path json = dir.resolve("benchmark-x.json");
        Files.createDirectory(Charts.throughputFile(json)); // the chart's path is taken by a directory

        assertThatThrownBy(() -> Charts.write(report(), json))
                .isInstanceOf(BenchException.class)
                .hasMessage("cannot write the chart " + dir.resolve("benchmark-x-throughput.png") + ": Is a directory")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Charts.latencyFile(json)).doesNotExist();
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) n++;
        }
        return n;
    }
}
