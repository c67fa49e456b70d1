package io.streamplatform.job.recommendations;

/** A watch joined with the catalogue version of its video in effect at its event time. A Flink POJO. */
public final class EnrichedWatch {
    public String user;
    public String video;
    public String action;
    public long positionMs;
    public long ts;
    public String category;
    /** Thousandths of the video seen ({@link io.streamplatform.common.recommendations.Watch#permille}). */
    public int permille;

    public EnrichedWatch() {}
}
