package io.streamplatform.job.recommendations;

/**
 * A user's engagement in one window: the videos watched (sorted by id), each with its category and the most of it
 * seen (permille). With {@link #anchor} set, the copy sent to the co-watch count of that video. A Flink POJO.
 */
public final class UserWindow {
    public String user;
    public long windowEnd;
    public String[] videos;
    public String[] categories;
    public int[] permille;
    /** Null in the engagement stream; the video whose co-watch counts this copy feeds. */
    public String anchor;

    public UserWindow() {}

    UserWindow anchored(String video) {
        UserWindow u = new UserWindow();
        u.user = user;
        u.windowEnd = windowEnd;
        u.videos = videos;
        u.categories = categories;
        u.anchor = video;
        return u;
    }
}
