package org.ideogramcamel.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.ideogramcamel.Redeliveries;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.ImageFormat;
import org.ideogramcamel.PrettyJson;
import org.ideogramcamel.job.StoredImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Route-facing steps of {@code direct:store-s3}: each image and its sidecar become objects in a bucket, uploaded
 * by camel-aws2-s3 from a local spool file.
 *
 * <p>The image is first spooled to {@code <ideogram.state>/s3-spool} (one pass: sniffed, hashed, counted), so
 * memory stays flat whatever the image size, the upload knows its content length, and a retry of the upload
 * never downloads the image again. The spool file is deleted once S3 has the object or the dead-letter channel
 * has the bytes; if neither took it, it stays (and a warning says where), because the image was paid for. Keys come from {@code ideogram.s3.key-template}; an existing object is never overwritten: a
 * HEAD request finds a free key first ({@code job-1-2.png} …, like the folder store). A conditional put
 * (If-None-Match) would close the small race between HEAD and PUT, but not every S3-compatible server honours
 * it, and it would turn the retry of a put that actually landed into a failure.
 */
public class S3ImageStore implements StoredImageLookup {

    private static final ObjectMapper JSON = PrettyJson.MAPPER;
    private static final Logger LOG = LoggerFactory.getLogger(S3ImageStore.class);

    private final S3Options options;
    private final Supplier<S3Client> client;
    private final Path spool;
    private final Clock clock;
    /** What a killed run uploaded; null when ideogram.store=folder. */
    private final S3ImageLookup earlier;

    /** The bucket, endpoint and key template in use; null when ideogram.store=folder. */
    public S3Options options() {
        return options;
    }

    /** The folder each image is spooled to until S3 has it ({@code <ideogram.state>/s3-spool}). */
    public Path spoolFolder() {
        return spool;
    }

    public S3ImageStore(S3Options options, Supplier<S3Client> client, Path spool, Clock clock) {
        this.options = options;
        this.client = client;
        this.spool = spool;
        this.clock = clock;
        this.earlier = options == null ? null : new S3ImageLookup(options, client, clock);
    }

    /**
     * After a restart: the image a killed run uploaded (between the upload and the journal's {@code stored}), so
     * a resumed job does not upload it again under a {@code -2} key. Empty when ideogram.store=folder.
     */
    @Override
    public Optional<EarlierImage> find(PredictionImage image) throws IOException {
        return earlier == null ? Optional.empty() : earlier.find(image);
    }

    /** Route step: the body (a download stream or inline bytes) goes to a spool file, held for the upload. */
    public HeldImage hold(Exchange exchange) throws IOException, InvalidPayloadException {
        StoreContext context = StoreContext.of(exchange);
        Files.createDirectories(spool);
        Path file = Files.createTempFile(spool, context.job().name() + "-" + context.image().index() + "-", ".part");
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            ImageSpool.Spooled spooled = ImageSpool.write(in, file, context.image().index());
            ImageFormat format = spooled.format();
            long bytes = spooled.bytes();
            String digest = spooled.sha256();
            String name = context.job().name() + "-" + context.image().index() + "." + format.extension();
            byte[] sidecar = JSON.writeValueAsBytes(Sidecars.stored(context, name, format, bytes, digest));
            HeldImage held = new HeldImage(file, format, bytes, digest, name, sidecar, options.describe(), null, null);
            exchange.setProperty(ExchangeKeys.HELD_IMAGE, held);
            held.warnIfLeft(exchange);
            return held;
        } catch (ImageSpool.TargetFailed e) {
            Files.deleteIfExists(file);
            throw new ImageWriteException("image " + context.image().index() + " of job " + context.job().name(),
                    spool, e.failure(), false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Route step: picks the keys once (a retry keeps them, so it overwrites only its own half-done upload) and
     * makes the message that puts the sidecar, which lands first so an image is never seen without it.
     */
    public void toSidecarPut(Exchange exchange) throws IOException {
        HeldImage held = held(exchange);
        if (held.location() == null) {
            held = chooseKeys(exchange, held);
            exchange.setProperty(ExchangeKeys.HELD_IMAGE, held);
        }
        StoreContext context = StoreContext.of(exchange);
        String imageKey = options.key(held.location());
        byte[] sidecar = JSON.writeValueAsBytes(Sidecars.stored(context, imageKey.substring(imageKey.lastIndexOf('/') + 1),
                held.format(), held.bytes(), held.sha256()));
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(AWS2S3Constants.KEY, options.key(held.sidecarLocation()));
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, "application/json");
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) sidecar.length);
        message.setHeader(AWS2S3Constants.METADATA, metadata(context));
        message.setBody(sidecar);
    }

    /** Route step: the message that puts the image, streamed from the spool file with its length. */
    public void toImagePut(Exchange exchange) {
        HeldImage held = held(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(AWS2S3Constants.KEY, options.key(held.location()));
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, held.format().contentType());
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, held.bytes());
        message.setHeader(AWS2S3Constants.METADATA, metadata(StoreContext.of(exchange)));
        message.setBody(held.file().toFile());
    }

    /** Route step: both objects are in the bucket; the spool goes and the job learns where the image is. */
    public StoredImage stored(Exchange exchange) {
        HeldImage held = held(exchange);
        exchange.getMessage().removeHeaders("*");
        StoredImage stored = new StoredImage(held.location(), held.sidecarLocation(), held.format().contentType(),
                held.bytes(), held.sha256());
        StoreContext.of(exchange).progress().stored(stored);
        held.release();
        exchange.removeProperty(ExchangeKeys.HELD_IMAGE);
        Redeliveries.reset(exchange);
        exchange.getMessage().setBody(stored);
        return stored;
    }

    /** The user metadata of both objects (see {@link S3Metadata} for the encoding). */
    private static Map<String, String> metadata(StoreContext context) {
        return S3Metadata.of(context.job().name(), context.job().prompt(), context.prediction().provider(),
                context.prediction().model(), context.image().seed(), context.prediction().id());
    }

    private HeldImage chooseKeys(Exchange exchange, HeldImage held) {
        StoreContext context = StoreContext.of(exchange);
        LocalDate today = LocalDate.now(clock);
        String n = String.valueOf(context.image().index());
        String extension = held.format().extension();
        String imageKey = options.keyTemplate().imageKey(today, context.job().name(), n, extension);
        for (int suffix = 2; exists(imageKey) || exists(S3KeyTemplate.sidecarKey(imageKey, extension)); suffix++) {
            imageKey = options.keyTemplate().imageKey(today, context.job().name(), n + "-" + suffix, extension);
        }
        return held.at(options.location(imageKey), options.location(S3KeyTemplate.sidecarKey(imageKey, extension)));
    }

    private boolean exists(String key) {
        try {
            client.get().headObject(HeadObjectRequest.builder().bucket(options.bucket()).key(key).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static HeldImage held(Exchange exchange) {
        HeldImage held = exchange.getProperty(ExchangeKeys.HELD_IMAGE, HeldImage.class);
        if (held == null) {
            throw new IllegalStateException("no image is held for the S3 store: direct:store-s3 must follow hold");
        }
        return held;
    }
}
