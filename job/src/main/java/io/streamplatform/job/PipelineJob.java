package io.streamplatform.job;

import io.streamplatform.common.Event;
import io.streamplatform.common.WindowCount;
import io.streamplatform.job.analytics.LateEvents;
import io.streamplatform.job.analytics.PreAggregate;
import io.streamplatform.job.analytics.SumTallies;
import io.streamplatform.job.analytics.Tally;
import io.streamplatform.job.analytics.ToWindowCount;
import io.streamplatform.job.chaos.FailOnce;
import io.streamplatform.job.parse.DeadLetter;
import io.streamplatform.job.parse.Parsed;
import io.streamplatform.job.parse.RouteMalformed;
import io.streamplatform.job.sink.Sinks;
import io.streamplatform.job.source.Sources;
import io.streamplatform.job.transform.Normalize;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.CheckpointConfig.ExternalizedCheckpointCleanup;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import picocli.CommandLine;

/**
 * The pipeline, wired top to bottom:
 *
 * <pre>
 * Kafka(input), parsed as read → route ──valid──→ normalise ─→ Kafka(output)
 *                                   │                  └─→ pre-count per key+window → key by key → tumbling event-time window → sum → Kafka(counts)
 *                                   └─malformed─→ Kafka(dead letters) ←── late events
 * </pre>
 *
 * Every stateful operator has a stable uid, so savepoints survive upgrades and rescaling.
 */
public final class PipelineJob {
    /** Late events (behind the watermark when their window had already fired). */
    static final OutputTag<Tally> LATE = new OutputTag<>("late-events") {};

    private PipelineJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config;
        try {
            config = JobConfig.parse(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("error: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(2);
            return;
        }
        if (config.helpRequested()) return;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        build(env, config);
        env.execute(config.jobName);
    }

    /** Checkpointing, state backend and parallelism; options not given are left to the cluster. */
    public static void configure(StreamExecutionEnvironment env, JobConfig c) {
        Configuration conf = new Configuration();
        if (c.stateBackend != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, c.stateBackend.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (c.checkpointDir != null) conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.checkpointDir);
        env.configure(conf);
        env.enableCheckpointing(c.checkpointInterval.toMillis(),
                c.delivery == JobConfig.Delivery.EXACTLY_ONCE ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        env.getCheckpointConfig().setExternalizedCheckpointCleanup(ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION);
        if (c.parallelism != null) env.setParallelism(c.parallelism);
        // Records are not mutated after they are emitted, so chained operators may pass them without copies.
        env.getConfig().enableObjectReuse();
    }

    public static void build(StreamExecutionEnvironment env, JobConfig c) {
        DataStream<Parsed> records = env
                .fromSource(Sources.kafka(c), Sources.watermarks(c.outOfOrderness, c.idleness), "kafka-source")
                .uid("kafka-source");

        SingleOutputStreamOperator<Event> parsed = records
                .process(new RouteMalformed())
                .uid("route-malformed").name("route-malformed");
        DataStream<Event> events = parsed;
        if (c.failOnceAfter > 0) {
            events = events.map(new FailOnce(c.transactionalIdPrefix(), c.failOnceAfter)).uid("fail-once").name("fail-once");
        }

        DataStream<Event> normalized = events.map(new Normalize()).uid("normalize").name("normalize");
        normalized.sinkTo(Sinks.normalized(c)).uid("sink-normalized").name("sink-normalized");

        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(RouteMalformed.DEAD_LETTERS);
        if (c.windowCounts) {
            SingleOutputStreamOperator<WindowCount> counts = normalized
                    .transform("pre-aggregate", TypeInformation.of(Tally.class), new PreAggregate(c.window))
                    .uid("pre-aggregate").name("pre-aggregate")
                    .keyBy(t -> t.key)
                    .window(TumblingEventTimeWindows.of(c.window))
                    .sideOutputLateData(LATE)
                    .aggregate(new SumTallies(), new ToWindowCount())
                    .uid("window-counts").name("window-counts");
            counts.sinkTo(Sinks.windowCounts(c)).uid("sink-window-counts").name("sink-window-counts");
            DataStream<DeadLetter> late = counts.getSideOutput(LATE).map(new LateEvents(c.window)).uid("late-events").name("late-events");
            deadLetters = deadLetters.union(late);
        }
        deadLetters.sinkTo(Sinks.deadLetters(c)).uid("sink-dead-letters").name("sink-dead-letters");
    }
}
