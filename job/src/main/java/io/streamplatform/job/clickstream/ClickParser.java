package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Click;
import io.streamplatform.common.clickstream.ClickCodec;
import io.streamplatform.job.core.RecordParser;

/** The click format as the source's parser. */
final class ClickParser implements RecordParser<Click> {
    private final ClickCodec codec;

    ClickParser(int maxRecordBytes) {
        codec = new ClickCodec(maxRecordBytes);
    }

    @Override
    public Click parse(byte[] value) {
        return codec.parse(value);
    }

    @Override
    public String error() {
        return codec.error();
    }
}
