package io.streamplatform.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's figures as PNG charts next to its JSON, drawn from the same {@link Benchmark.Report}:
 * {@code <name>-throughput.png} (events/s per scenario and parallelism) and {@code <name>-latency.png}
 * (p50, p99, p99.9 per latency scenario). Bars are medians, whiskers min–max over the runs.
 *
 * <p>Each bar has its own category (scenario and parallelism, or scenario and percentile) and the bars overlap, so
 * one colour per parallelism (percentile) and a whisker series over every category line up. XChart draws error bars
 * symmetrically (value ± e on a linear axis; on its logarithmic axis it takes log10 of e, i.e. value ×/÷ e), so a
 * whisker from min to max is an error bar around the midpoint of the two (the geometric one on the log axis).
 */
final class Charts {
    static {
        // No display: Java2D draws into an image (fonts come from fontconfig).
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00)};
    private static final int HEIGHT = 720;
    private static final int PX_PER_BAR = 34;

    private Charts() {}

    /** The chart files of the JSON result {@code json}: {@code <name>-throughput.png} and {@code <name>-latency.png}. */
    static Path throughputFile(Path json) {
        return sibling(json, "-throughput.png");
    }

    static Path latencyFile(Path json) {
        return sibling(json, "-latency.png");
    }

    private static Path sibling(Path json, String suffix) {
        return json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + suffix);
    }

    /**
     * Writes the report's charts next to {@code json} (one per figure the report has) and returns their paths.
     *
     * @throws BenchException naming the chart and why, in one line, if one cannot be drawn or written
     */
    static List<Path> write(Benchmark.Report report, Path json) {
        List<Path> written = new ArrayList<>();
        if (!report.throughput().isEmpty()) written.add(save(throughputFile(json), () -> throughput(report)));
        if (!report.latency().isEmpty()) written.add(save(latencyFile(json), () -> latency(report)));
        return written;
    }

    static CategoryChart throughput(Benchmark.Report report) {
        // Scenarios in the report's order (first seen), each at every parallelism it ran at.
        Map<String, Map<Integer, Benchmark.ThroughputFigure>> byScenario = new LinkedHashMap<>();
        Set<Integer> parallelisms = new java.util.TreeSet<>();
        for (Benchmark.ThroughputFigure f : report.throughput()) {
            byScenario.computeIfAbsent(f.scenario(), k -> new java.util.TreeMap<>()).put(f.parallelism(), f);
            parallelisms.add(f.parallelism());
        }
        List<String> categories = new ArrayList<>();
        List<Stat> stats = new ArrayList<>();
        List<Integer> ps = new ArrayList<>();
        byScenario.forEach((scenario, figures) -> figures.forEach((p, f) -> {
            categories.add(scenario + " p=" + p);
            stats.add(f.eventsPerSecond());
            ps.add(p);
        }));
        int runs = stats.stream().mapToInt(Stat::n).max().orElse(0);
        boolean others = byScenario.keySet().stream().anyMatch(k -> k.contains(" "));
        Object events = report.method().get("events");
        Object otherRecords = report.method().get("catalogueEvents");
        String input = (events instanceof Number n ? String.format(Locale.ROOT, ", %,d events", n.longValue()) : "")
                + (others && otherRecords instanceof Number n ? String.format(Locale.ROOT, " (other catalogue jobs: %,d records each)", n.longValue()) : "");
        CategoryChart chart = chart(categories.size(),
                String.format(Locale.ROOT, "Throughput%s; median of %d runs, whiskers min–max", input, runs),
                others ? "events/s (records/s for the other catalogue jobs)" : "events/s");
        chart.getStyler().setYAxisDecimalPattern("#,###");
        int colour = 0;
        for (int p : parallelisms) {
            List<Double> medians = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) medians.add(ps.get(i) == p ? stats.get(i).median() : null);
            bars(chart, "p = " + p, categories, medians, PALETTE[colour++ % PALETTE.length]);
        }
        whiskers(chart, categories, stats, false);
        return chart;
    }

    static CategoryChart latency(Benchmark.Report report) {
        record Percentile(String name, java.util.function.Function<Benchmark.LatencyFigure, Stat> stat) {}
        List<Percentile> percentiles = List.of(new Percentile("p50", Benchmark.LatencyFigure::p50Ms),
                new Percentile("p99", Benchmark.LatencyFigure::p99Ms), new Percentile("p99.9", Benchmark.LatencyFigure::p999Ms));
        List<String> categories = new ArrayList<>();
        List<Stat> stats = new ArrayList<>();
        List<String> of = new ArrayList<>();
        for (Benchmark.LatencyFigure f : report.latency()) {
            for (Percentile q : percentiles) {
                categories.add(f.scenario() + " " + q.name());
                // Latencies are whole ms; a 0 ms figure is drawn at 1 ms, the bottom of the log axis.
                Stat s = q.stat().apply(f);
                stats.add(new Stat(Math.max(1, s.median()), Math.max(1, s.min()), Math.max(1, s.max()), s.n()));
                of.add(q.name());
            }
        }
        Benchmark.LatencyFigure first = report.latency().get(0);
        CategoryChart chart = chart(categories.size(), String.format(Locale.ROOT,
                "End-to-end latency at %,d events/s, p=%d; median of %d runs, whiskers min–max",
                first.rate(), first.parallelism(), stats.stream().mapToInt(Stat::n).max().orElse(0)), "ms (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        double top = stats.stream().mapToDouble(Stat::max).max().orElse(10);
        chart.getStyler().setYAxisMin(1.0);
        chart.getStyler().setYAxisMax(Math.pow(10, Math.max(1, Math.ceil(Math.log10(top) + 0.05))));
        int colour = 0;
        for (Percentile q : percentiles) {
            List<Double> medians = new ArrayList<>();
            for (int i = 0; i < categories.size(); i++) medians.add(of.get(i).equals(q.name()) ? stats.get(i).median() : null);
            bars(chart, q.name(), categories, medians, PALETTE[colour++ % PALETTE.length]);
        }
        whiskers(chart, categories, stats, true);
        return chart;
    }

    private static CategoryChart chart(int bars, String title, String yTitle) {
        // Wide enough for every bar's label and for the title (about 8 px a character in XChart's default title font).
        int width = Math.max(Math.max(800, 240 + bars * PX_PER_BAR), 60 + title.length() * 8);
        CategoryChart chart = new CategoryChartBuilder().width(width).height(HEIGHT)
                .title(title).yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setOverlapped(true);
        styler.setAvailableSpaceFill(0.8);
        styler.setXAxisLabelRotation(90);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setErrorBarsColor(Color.BLACK);
        styler.setErrorBarsColorSeriesColor(false);
        styler.setLocale(Locale.ROOT);
        return chart;
    }

    private static void bars(CategoryChart chart, String name, List<String> categories, List<Double> values, Color colour) {
        CategorySeries s = chart.addSeries(name, categories, values);
        s.setFillColor(colour);
        s.setLineColor(colour);
    }

    /** One whisker per category from its min to its max: a marker-less error bar around their midpoint. */
    private static void whiskers(CategoryChart chart, List<String> categories, List<Stat> stats, boolean logAxis) {
        List<Double> mid = new ArrayList<>();
        List<Double> half = new ArrayList<>();
        for (Stat s : stats) {
            mid.add(logAxis ? Math.sqrt(s.min() * s.max()) : (s.min() + s.max()) / 2);
            half.add(logAxis ? Math.sqrt(s.max() / s.min()) : (s.max() - s.min()) / 2);
        }
        CategorySeries w = chart.addSeries("min–max", categories, mid, half);
        w.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        w.setMarker(SeriesMarkers.NONE);
        w.setShowInLegend(false);
    }

    private interface Drawing {
        CategoryChart draw();
    }

    /** Draws first, then writes: a chart that cannot be drawn leaves no file behind. */
    private static Path save(Path file, Drawing drawing) {
        try {
            Files.write(file, BitmapEncoder.getBitmapBytes(drawing.draw(), BitmapEncoder.BitmapFormat.PNG));
            return file;
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            // LinkageError / AWTError: Java2D without its native libraries or without any font (e.g. no fontconfig).
            throw new BenchException("cannot write the chart " + file + ": " + reason(e), e);
        }
    }

    /** Why, in one line: a file system error's reason, or the exception's kind and message. */
    static String reason(Throwable e) {
        String m = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
