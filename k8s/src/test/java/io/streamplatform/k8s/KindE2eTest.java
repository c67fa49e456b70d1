package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/kind-e2e.sh} (kind cluster, operators, images, helm install, job running, rescale, teardown)
 * when a real cluster can be made here: a working Docker engine plus kind, kubectl and helm on the PATH. When not,
 * the test is reported as skipped with the reason, never as passed. {@code -Dkind.e2e.skip=true} skips it on
 * machines that could run it but should not spend the time (the run takes 10-20 minutes).
 */
class KindE2eTest {

    @Test
    void platformRunsAndRescalesOnKind() throws Exception {
        boolean docker = ParallelismRoutesTest.onPath("docker") && succeeds("docker", "info");
        boolean kind = ParallelismRoutesTest.onPath("kind");
        assumeTrue(docker && kind, "kind e2e NOT RUN: no Docker engine / kind on this machine"
                + " (docker engine working: " + docker + ", kind on PATH: " + kind + ")");
        assumeTrue(ParallelismRoutesTest.onPath("helm") && ParallelismRoutesTest.onPath("kubectl"),
                "kind e2e NOT RUN: helm and kubectl must be on the PATH");
        assumeFalse(Boolean.getBoolean("kind.e2e.skip"), "kind e2e NOT RUN: disabled with -Dkind.e2e.skip=true");

        Path repo = Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();
        Process run = new ProcessBuilder("bash", repo.resolve("scripts/kind-e2e.sh").toString())
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/kind-e2e.log"))
                .start();
        boolean finished = run.waitFor(45, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }
        assertThat(finished).as("kind e2e finished within 45 minutes (log: k8s/target/kind-e2e.log)").isTrue();
        assertThat(run.exitValue()).as("scripts/kind-e2e.sh exit code (log: k8s/target/kind-e2e.log)").isZero();
    }

    private static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
