package io.streamplatform.job.logs;

import io.streamplatform.common.logs.LogParser;
import io.streamplatform.common.logs.LogRecord;
import io.streamplatform.job.core.RecordParser;

/** The access-log parser as the source's parser: the record key names the service of a combined-format line. */
final class AccessLogParser implements RecordParser<LogRecord> {
    private final LogParser parser;

    AccessLogParser(int maxRecordBytes) {
        parser = new LogParser(maxRecordBytes);
    }

    @Override
    public LogRecord parse(byte[] value) {
        return parser.parse(null, value);
    }

    @Override
    public LogRecord parse(byte[] key, byte[] value) {
        return parser.parse(key, value);
    }

    @Override
    public String error() {
        return parser.error();
    }
}
