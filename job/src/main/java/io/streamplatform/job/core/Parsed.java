package io.streamplatform.job.core;

/** What the source makes of one record: the parsed value, or the dead letter when it is not one. Exactly one is set. */
public final class Parsed<T> {
    public T value;
    public DeadLetter deadLetter;

    public Parsed() {}

    static <T> Parsed<T> valid(T value) {
        Parsed<T> p = new Parsed<>();
        p.value = value;
        return p;
    }

    static <T> Parsed<T> malformed(DeadLetter deadLetter) {
        Parsed<T> p = new Parsed<>();
        p.deadLetter = deadLetter;
        return p;
    }
}
