package io.streamplatform.common.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClickCodecTest {
    private final ClickCodec codec = new ClickCodec(1_000);

    private Click parse(String json) {
        return codec.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAClickWithExactCentsAndEitherTimestampForm() {
        Click c = parse("{\"user\":\"u-1\",\"product\":\"p-7\",\"category\":\"books\",\"action\":\"purchase\",\"price\":12.5,\"ts\":1764550000000,\"extra\":[1]}");
        assertThat(c).isEqualTo(new Click("u-1", "p-7", "books", Click.Action.PURCHASE, 1250, 1_764_550_000_000L));
        assertThat(parse("{\"user\":\"u-1\",\"product\":\"p-7\",\"category\":\"books\",\"action\":\"view\",\"price\":0,\"ts\":\"2025-12-01T00:46:40Z\"}").ts)
                .isEqualTo(1_764_550_000_000L);
    }

    @Test
    void whatItWritesItReadsBack() {
        Click c = new Click("u-\"q\"", "p-1", "home", Click.Action.CART, 19_999, 42);
        assertThat(codec.parse(ClickCodec.encode(c).getBytes(StandardCharsets.UTF_8))).isEqualTo(c);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|not-json: ",
            "[1]|not-json: not a JSON object",
            "{\"user\":\"u\",\"product\":\"p\",\"action\":\"view\",\"price\":1,\"ts\":1}|missing-field: category",
            "{\"user\":\"u\",\"product\":\"p\",\"category\":\"c\",\"action\":\"view\",\"price\":\"1\",\"ts\":1}|wrong-type: price is a string",
            "{\"user\":\"u\",\"product\":\"p\",\"category\":\"c\",\"action\":\"refund\",\"price\":1,\"ts\":1}|impossible: action 'refund'",
            "{\"user\":\"u\",\"product\":\"p\",\"category\":\"c\",\"action\":\"view\",\"price\":-1,\"ts\":1}|impossible: price -1 < 0",
            "{\"user\":\"u\",\"product\":\"p\",\"category\":\"c\",\"action\":\"view\",\"price\":1.001,\"ts\":1}|impossible: price 1.001 is not an amount in cents",
            "{\"user\":\"u\",\"product\":\"p\",\"category\":\"c\",\"action\":\"view\",\"price\":1,\"ts\":\"yesterday\"}|bad-timestamp: 'yesterday'",
            "{\"user\":\"u\",\"product\":\"p\",\"category\":\"*\",\"action\":\"view\",\"price\":1,\"ts\":1}|impossible: category '*' stands for all categories",
            "{\"user\":\"\",\"product\":\"p\",\"category\":\"c\",\"action\":\"view\",\"price\":1,\"ts\":1}|wrong-type: user is a string, expected a non-empty string",
    })
    void rejectsWhatIsNotAClickSayingWhy(String json, String reason) {
        assertThat(parse(json)).isNull();
        assertThat(codec.error()).startsWith(reason);
    }

    @Test
    void rejectsARecordOverTheSizeLimit() {
        assertThat(new ClickCodec(10).parse(new byte[11])).isNull();
    }
}
