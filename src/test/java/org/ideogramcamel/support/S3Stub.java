package org.ideogramcamel.support;

import java.net.URI;
import java.util.List;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API on a free 127.0.0.1 port: S3Proxy in-process with its transient (in-memory) blob store, checking
 * AWS signatures with {@link #ACCESS_KEY}/{@link #SECRET_KEY}. Like {@link StubProvider} it publishes its URL as
 * the system property {@value #URL_PROPERTY} before the test's Camel context starts. It can be stopped and
 * started again on the same port with the same objects, to play an S3 outage.
 */
public final class S3Stub implements BeforeAllCallback, AfterAllCallback {

    public static final String URL_PROPERTY = "ideogram.test.s3-url";
    public static final String URL_PLACEHOLDER = "{{sys:" + URL_PROPERTY + "}}";
    public static final String ACCESS_KEY = "AKIDTESTACCESS";
    public static final String SECRET_KEY = "test-secret-key-do-not-log";
    public static final String BUCKET = "ideogram-images";

    private final TransientNio2BlobStore blobs = new TransientNio2BlobStore();
    private int port;
    private S3Proxy proxy;
    private S3Client client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = FreePorts.freePort();
        System.setProperty(URL_PROPERTY, url());
        start();
        client = S3Client.builder().endpointOverride(URI.create(url())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.close();
        stop();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Plays an outage: the port refuses connections until {@link #start()}. */
    public void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    public void start() throws Exception {
        if (proxy != null) {
            return;
        }
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create(url()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
    }

    /** Every key in the bucket, sorted. */
    public List<String> keys() {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).sorted()
                .toList();
    }

    public ResponseBytes<GetObjectResponse> object(String key) {
        return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
    }

    public void put(String key, byte[] content) {
        client.putObject(b -> b.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
    }

    public void clear() {
        keys().forEach(key -> client.deleteObject(b -> b.bucket(BUCKET).key(key)));
    }
}
