package io.streamplatform.job.logs;

import io.streamplatform.common.logs.ServiceWindow;
import io.streamplatform.job.core.RecordEncoder;
import java.nio.charset.StandardCharsets;

/** Service windows: key = service, value = JSON, record timestamp = the window's last millisecond. */
final class ServiceWindowEncoder implements RecordEncoder<ServiceWindow> {
    @Override
    public byte[] key(ServiceWindow w) {
        return w.service.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value(ServiceWindow w) {
        return w.encode();
    }

    @Override
    public long timestamp(ServiceWindow w) {
        return w.end - 1;
    }
}
