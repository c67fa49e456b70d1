package io.streamplatform.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void readsNamesLabelsValuesAndSkipsComments() {
        List<PrometheusText.Sample> samples = PrometheusText.parse("""
                # HELP x_total help
                # TYPE x_total counter
                x_total{app="producer",outcome="acked",} 2000.0
                y 1.5E7 1700000000000

                z{q="a \\"quoted\\" b"} NaN
                w{le="+Inf"} +Inf
                """);
        assertEquals(4, samples.size());
        assertEquals(new PrometheusText.Sample("x_total", Map.of("app", "producer", "outcome", "acked"), 2000.0), samples.get(0));
        assertEquals(1.5e7, samples.get(1).value());
        assertEquals("a \\\"quoted\\\" b", samples.get(2).label("q"));
        assertTrue(Double.isNaN(samples.get(2).value()));
        assertEquals(Double.POSITIVE_INFINITY, samples.get(3).value());
    }

    @Test
    void aLineThatIsNotASampleIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("ok 1\n<html>oops</html>\n"));
        assertEquals("not a sample line: <html>oops</html>", e.getMessage());
    }
}
