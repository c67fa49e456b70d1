package io.streamplatform.local;

import io.streamplatform.common.S3Storage;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible object store on 127.0.0.1: S3Proxy (from Maven Central) in a child JVM, keeping its objects in
 * a directory, with AWS signature checks on and a random key pair per store. Holds one bucket. Flink reaches it
 * through its S3 filesystem plugin with {@link #flinkConfiguration()} and the credentials in {@link #credentialsEnv()}.
 */
public final class ObjectStore implements AutoCloseable {
    private final JavaProcess process;
    private final String endpoint;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;

    private ObjectStore(JavaProcess process, String endpoint, String bucket, String accessKey, String secretKey) {
        this.process = process;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a store with {@code bucket} in {@code dir} and waits until it answers. */
    public static ObjectStore start(Path jar, Path dir, String bucket, Duration timeout) {
        if (!Files.exists(jar)) throw new LocalModeException(jar + " is missing: build first with ./mvnw -DskipTests package");
        try {
            Path data = dir.resolve("data");
            // A bucket of S3Proxy's filesystem store is a directory under its base directory; one that others may read
            // is a public-read bucket, listed for anyone, so it is the owner's only.
            Files.createDirectories(data);
            Files.createDirectory(data.resolve(bucket), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            int port = KafkaBroker.freePort();
            String endpoint = "http://127.0.0.1:" + port;
            SecureRandom random = new SecureRandom();
            String accessKey = "local-" + hex(random, 6);
            String secretKey = hex(random, 20);
            // The key pair is in the store's configuration file, readable by this user only, never on a command line.
            Path conf = dir.resolve("s3proxy.conf");
            Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(conf, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.identity=unused", // the filesystem backend's own login, which it ignores
                    "jclouds.credential=unused",
                    "jclouds.filesystem.basedir=" + data,
                    ""));
            JavaProcess process = JavaProcess.start("s3proxy", List.of("-Xmx256m", "-jar", jar.toString(), "--properties", conf.toString()),
                    dir.resolve("s3proxy.log"), line -> {});
            ObjectStore store = new ObjectStore(process, endpoint, bucket, accessKey, secretKey);
            try {
                store.awaitReady(timeout, dir);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout, Path dir) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) throw new LocalModeException("the S3 store exited at start (" + process.stderrTail() + "), see " + dir.resolve("s3proxy.log"));
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                return; // any HTTP answer (an unsigned request is refused) means it is serving
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) throw new LocalModeException("the S3 store did not answer within " + timeout.toSeconds() + "s");
                LocalFlinkCluster.pause(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalModeException("interrupted while starting the S3 store");
            }
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Flink's configuration for this store (no credentials: see {@link #credentialsEnv()}). S3Proxy's filesystem backend
     * cannot delete a directory's marker object while the directory holds files, which the S3 filesystem does after
     * each new directory unless it keeps markers (a setting of the filesystem, {@code fs.s3a.directory.marker.retention},
     * that Flink passes on from {@code s3.}). It also answers for a directory as if it were an object, so Flink, resolving
     * a restored checkpoint's directory, would look for the checkpoint's own small files one level up: state handles up
     * to 1 MB are kept inside the checkpoint's {@code _metadata} instead ({@code state.storage.fs.memory-threshold}).
     */
    public Map<String, String> flinkConfiguration() {
        return Map.of(S3Storage.ENDPOINT, endpoint, S3Storage.PATH_STYLE_ACCESS, "true", "s3.directory.marker.retention", "keep",
                "state.storage.fs.memory-threshold", "1mb");
    }

    /** The environment variables with the store's credentials, as a Kubernetes Secret gives them to Flink's pods. */
    public Map<String, String> credentialsEnv() {
        return Map.of(S3Storage.ACCESS_KEY_ENV, accessKey, S3Storage.SECRET_KEY_ENV, secretKey);
    }

    /**
     * This JVM's own view of the store (finding the latest checkpoint): Flink's S3 filesystem from the {@code plugins}
     * directory, with the store's credentials as Flink configuration, which stays in memory. Flink's processes get
     * {@link #credentialsEnv()} instead.
     *
     * @param overrides settings replacing the store's (a test's wrong key)
     */
    public FileSystem flinkFileSystem(Path plugins, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(flinkConfiguration());
        settings.put("s3.access-key", accessKey);
        settings.put("s3.secret-key", secretKey);
        settings.putAll(overrides);
        Configuration conf = Configuration.fromMap(settings);
        // The plugin's AWS SDK would print a page on its own end of support to this JVM's output.
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
        try {
            FileSystem.initialize(conf, new DefaultPluginManager(new DirectoryBasedPluginFinder(plugins).findPlugins(),
                    CoreOptions.getPluginParentFirstLoaderPatterns(conf)));
            return FileSystem.get(URI.create("s3://" + bucket + "/"));
        } catch (IOException e) {
            throw new LocalModeException("cannot open the S3 filesystem at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        process.close();
    }
}
