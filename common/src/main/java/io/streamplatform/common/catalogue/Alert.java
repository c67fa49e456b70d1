package io.streamplatform.common.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * One record of a catalogue job's alerts topic, the same format for every job: an episode opens with a
 * {@code firing} record and closes with one {@code resolved} record carrying the same {@code start} and its {@code end}
 * — never a record per window or per reading. Keyed by {@code subject}. A Flink POJO.
 *
 * <pre>{"kind":"error-rate","subject":"checkout","state":"firing","start":1764550800000,"detail":"5xx 31.2% &gt; 5.0% for 3 windows"}
 * {"kind":"error-rate","subject":"checkout","state":"resolved","start":1764550800000,"end":1764551100000,"detail":"..."}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Alert {
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What was detected, e.g. {@code error-rate}, {@code over-voltage}. */
    public String kind;
    /** What it was detected on: a service, a sensor. */
    public String subject;
    /** What the subject belongs to (a sensor's substation), or null. */
    public String group;
    /** {@link #FIRING} or {@link #RESOLVED}. */
    public String state;
    /** Event time the episode began (epoch ms). */
    public long start;
    /** Event time it ended (epoch ms); null while firing. */
    public Long end;
    /** For people: the figures behind it. Not part of an alert's identity. */
    public String detail;

    public Alert() {}

    public static Alert firing(String kind, String subject, String group, long start, String detail) {
        Alert a = new Alert();
        a.kind = kind;
        a.subject = subject;
        a.group = group;
        a.state = FIRING;
        a.start = start;
        a.detail = detail;
        return a;
    }

    /** The record closing this firing episode at {@code end}. */
    public Alert resolved(long end, String detail) {
        Alert a = firing(kind, subject, group, start, detail);
        a.state = RESOLVED;
        a.end = end;
        return a;
    }

    @JsonIgnore
    public boolean isFiring() {
        return FIRING.equals(state);
    }

    public byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not an alert */
    public static Alert decode(byte[] json) {
        try {
            Alert a = JSON.readValue(json, Alert.class);
            if (a.kind == null || a.subject == null || !(FIRING.equals(a.state) || RESOLVED.equals(a.state))
                    || (a.end == null) == RESOLVED.equals(a.state)) {
                throw new IllegalArgumentException("not an alert: " + new String(json, java.nio.charset.StandardCharsets.UTF_8));
            }
            return a;
        } catch (IOException e) {
            throw new IllegalArgumentException("not an alert: " + e.getMessage(), e);
        }
    }

    /** Same kind, subject, group, state, start and end (the detail text aside). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Alert a && start == a.start && Objects.equals(end, a.end) && Objects.equals(kind, a.kind)
                && Objects.equals(subject, a.subject) && Objects.equals(group, a.group) && Objects.equals(state, a.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, subject, group, state, start, end);
    }

    @Override
    public String toString() {
        return state + " " + kind + " " + subject + (group == null ? "" : "@" + group) + " " + start + (end == null ? "" : ".." + end);
    }
}
