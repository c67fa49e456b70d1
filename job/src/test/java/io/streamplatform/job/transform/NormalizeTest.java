package io.streamplatform.job.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Event;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizeTest {
    @Test
    void upperCasesTheTextOnlyAndKeepsEverythingElse() {
        Event in = new Event("r", 3, "key-a", 42, "hello, World 7");
        assertThat(new Normalize().map(in)).isEqualTo(new Event("r", 3, "key-a", 42, "HELLO, WORLD 7"));
    }

    /** The ASCII shortcut must agree with the JDK on everything, including non-ASCII text it hands back to the JDK. */
    @Test
    void agreesWithToUpperCaseOnGeneratedText() {
        Random random = new Random(3);
        String alphabet = "abcxyzABCXYZ09 _-{}~\u007f\tßéıöçÿ\u0149ǆ😀";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = s.toString();
            assertThat(Normalize.upperCase(text)).as(text).isEqualTo(text.toUpperCase(Locale.ROOT));
        }
        assertThat(Normalize.upperCase("ALREADY UPPER")).isSameAs("ALREADY UPPER");
    }
}
