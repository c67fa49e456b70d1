package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.S3Storage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3-compatible store chaos runs keep checkpoints in: a real S3Proxy, reached through Flink's real S3
 * filesystem plugin. It refuses requests without its credentials, and Flink's filesystem with them writes and lists.
 */
class ObjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void refusesStrangersAndServesFlinkWithItsCredentials() throws Exception {
        PlatformHome home = PlatformHome.locate();
        try (ObjectStore store = ObjectStore.start(home.s3ProxyJar(), dir, "flink", Duration.ofSeconds(60))) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(store.endpoint() + "/" + store.bucket() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("an unsigned request").isEqualTo(403);

            FileSystem fs = store.flinkFileSystem(home.flinkPlugins(), Map.of());
            org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(S3Storage.checkpoints(store.bucket()) + "/job/chk-1/_metadata");
            try (var out = fs.create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
                out.write("state".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(fs.exists(file)).isTrue();
            assertThat(fs.listStatus(file.getParent())).extracting(s -> s.getPath().getName()).containsExactly("_metadata");

            FileSystem stranger = store.flinkFileSystem(home.flinkPlugins(), Map.of("s3.secret-key", "wrong"));
            assertThatThrownBy(() -> stranger.exists(file)).as("a wrong secret key").hasMessageContaining("403");
        }
    }
}
