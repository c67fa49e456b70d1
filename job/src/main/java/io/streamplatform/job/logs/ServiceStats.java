package io.streamplatform.job.logs;

import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What a service window keeps while open: counts per status class, how many requests took each latency (an exact
 * histogram: latencies repeat at the logs' millisecond or tenth-of-a-millisecond resolution, so it stays small), and
 * 5xx responses per path. A Flink POJO whose maps have Flink's own map serializer ({@link Factory}), not Kryo.
 */
@TypeInfo(ServiceStats.Factory.class)
public final class ServiceStats {
    public long requests;
    public long c1xx;
    public long c2xx;
    public long c3xx;
    public long c4xx;
    public long c5xx;
    /** Latency in microseconds → requests. */
    public Map<Long, Long> latencies = new HashMap<>();
    /** Path → 5xx responses. */
    public Map<String, Long> errorPaths = new HashMap<>();

    public ServiceStats() {}

    /** The POJO's fields with their types spelt out, the maps included. */
    public static final class Factory extends TypeInfoFactory<ServiceStats> {
        @Override
        public TypeInformation<ServiceStats> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            Map<String, TypeInformation<?>> fields = new HashMap<>();
            for (String counter : new String[] {"requests", "c1xx", "c2xx", "c3xx", "c4xx", "c5xx"}) fields.put(counter, Types.LONG);
            fields.put("latencies", Types.MAP(Types.LONG, Types.LONG));
            fields.put("errorPaths", Types.MAP(Types.STRING, Types.LONG));
            return Types.POJO(ServiceStats.class, fields);
        }
    }
}
