package io.streamplatform.job.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Event;
import org.junit.jupiter.api.Test;

class NormalizeTest {
    @Test
    void upperCasesTheTextOnlyAndKeepsEverythingElse() {
        Event in = new Event("r", 3, "key-a", 42, "hello, World 7 é");
        assertThat(new Normalize().map(in)).isEqualTo(new Event("r", 3, "key-a", 42, "HELLO, WORLD 7 É"));
    }
}
