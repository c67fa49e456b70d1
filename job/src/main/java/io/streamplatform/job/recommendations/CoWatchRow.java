package io.streamplatform.job.recommendations;

/**
 * For one user who watched {@link #anchor} in the window ending {@link #windowEnd}: every other video {@code b}
 * watched in that window by users who watched the anchor, with count(anchor, b) and b's category. A Flink POJO.
 */
public final class CoWatchRow {
    public String user;
    public long windowEnd;
    public String anchor;
    public String[] videos;
    public int[] counts;
    public String[] categories;

    public CoWatchRow() {}
}
