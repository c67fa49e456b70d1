package io.streamplatform.job.core;

import java.io.Serializable;

/** How a job writes one of its records as a Kafka record: key, value and timestamp (its event time). */
public interface RecordEncoder<T> extends Serializable {
    byte[] key(T record);

    byte[] value(T record);

    long timestamp(T record);
}
