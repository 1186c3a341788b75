package org.ideogramcamel.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.FreeNames;
import org.ideogramcamel.ImageFormat;
import org.ideogramcamel.PrettyJson;
import org.ideogramcamel.TempNames;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.StoredImage;

/**
 * Writes each image to the outbox as {@code <job>-<n>.<ext>} beside its sidecar {@code <job>-<n>.json}. The same
 * class, rooted at {@code ideogram.quarantine}, is the quarantine store for images the provider flagged as unsafe.
 *
 * <p>Both are streamed to a hidden temporary file in the outbox and then renamed, so a reader never sees half a
 * file; the sidecar lands first, so an image is never visible without its metadata. An existing image is never
 * overwritten: a second image of the same name gets a {@code -2}, {@code -3} … suffix.
 */
public class FolderImageStore implements StoredImageLookup {

    private static final ObjectMapper JSON = PrettyJson.MAPPER;

    private final Path outbox;
    /** Where an image that could not be written here waits for the dead-letter channel; null: not kept. */
    private final Path spool;

    public FolderImageStore(Path outbox) {
        this(outbox, null);
    }

    /**
     * @param outbox the folder images are written to
     * @param spool  where an image this folder refuses is held until the server-errors channel has it (the bytes
     *               were paid for)
     */
    public FolderImageStore(Path outbox, Path spool) {
        this.outbox = outbox;
        this.spool = spool;
    }

    /**
     * Route step: stores the image in the body (a stream or bytes) and records where it went. When the folder
     * refuses the write (read-only, not a folder, full) the failure is an {@link ImageWriteException}; if the bytes
     * could be kept, the image is held for the server-errors channel, which then gets it with its sidecar.
     */
    public StoredImage write(Exchange exchange) throws IOException, InvalidPayloadException {
        StoreContext context = StoreContext.of(exchange);
        ImageJob job = context.job();
        GeneratedImage image = context.image();
        String what = "image " + image.index() + " of job " + job.name();

        Path partial = outbox.resolve("." + job.name() + "-" + image.index() + "." + TempNames.unique() + ".part");
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            ImageSpool.Spooled spooled;
            try {
                Files.createDirectories(outbox);
                spooled = ImageSpool.write(in, partial, image.index());
            } catch (ImageSpool.TargetFailed e) {
                // nothing read yet: the bytes go to the spool instead; else a retry downloads them again
                throw e.nothingRead() ? hold(exchange, context, in, what, e.failure())
                        : new ImageWriteException(what, outbox, e.failure(), false);
            } catch (FileSystemException e) {
                throw hold(exchange, context, in, what, e); // the outbox could not be created
            }
            ImageFormat format = spooled.format();
            long bytes = spooled.bytes();
            String digest = spooled.sha256();
            try {
                String base = freeBaseName(job.name() + "-" + image.index(), format.extension());
                Path target = outbox.resolve(base + "." + format.extension());
                Path sidecar = outbox.resolve(base + ".json");
                writeAtomically(sidecar, JSON.writeValueAsBytes(
                        Sidecars.stored(context, target.getFileName().toString(), format, bytes, digest)));
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                StoredImage stored = new StoredImage(target.toString(), sidecar.toString(), format.contentType(),
                        bytes, digest);
                if (context.unsafe().quarantined()) {
                    // set aside, not a result: a request-reply caller only gets images meant for the outbox
                    context.progress().recordedUnsafe(target.toString());
                } else {
                    context.progress().stored(stored);
                }
                return stored;
            } catch (IOException e) {
                // the whole image is in the partial file: it is held from there
                try (InputStream written = Files.newInputStream(partial)) {
                    throw hold(exchange, context, written, what, e);
                }
            }
        } finally {
            deleteQuietly(partial);
        }
    }

    /** A partial file is removed; in a folder that cannot even be listed it was never made, which is no failure. */
    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // nothing was written there, or a hidden .part stays behind: readers never take it
        }
    }

    /**
     * The folder refused the image: its bytes go to a spool file, held for the server-errors channel with the sidecar
     * the store would have written. Returns the failure to throw (held or not).
     */
    private ImageWriteException hold(Exchange exchange, StoreContext context, InputStream in, String what,
            IOException failure) {
        if (spool == null) {
            return new ImageWriteException(what, outbox, failure, false);
        }
        Path file = null;
        try {
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, context.job().name() + "-" + context.image().index() + "-", ".part");
            ImageSpool.Spooled spooled = ImageSpool.write(in, file, context.image().index());
            String name = context.job().name() + "-" + context.image().index() + "." + spooled.format().extension();
            byte[] sidecar = JSON.writeValueAsBytes(
                    Sidecars.stored(context, name, spooled.format(), spooled.bytes(), spooled.sha256()));
            HeldImage held = new HeldImage(file, spooled.format(), spooled.bytes(), spooled.sha256(), name, sidecar,
                    outbox.toAbsolutePath().toString(), null, null);
            exchange.setProperty(ExchangeKeys.HELD_IMAGE, held);
            held.warnIfLeft(exchange);
            return new ImageWriteException(what, outbox, failure, true);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            if (file != null) {
                deleteQuietly(file);
            }
            return new ImageWriteException(what, outbox, failure, false);
        }
    }

    /**
     * Route step: an image the provider flagged as unsafe that is not downloaded (ideogram.unsafe=skip, or nothing
     * to download); its sidecar records why, so the user sees that the job ran and what the provider said.
     */
    public String recordUnsafe(Exchange exchange) throws IOException {
        StoreContext context = StoreContext.of(exchange);
        try {
            Files.createDirectories(outbox);
            String base = freeBaseName(context.job().name() + "-" + context.image().index(), "json");
            Path sidecar = outbox.resolve(base + ".json");
            writeAtomically(sidecar, JSON.writeValueAsBytes(Sidecars.unsafe(context)));
            context.progress().recordedUnsafe(sidecar.toString());
            return sidecar.toString();
        } catch (IOException e) {
            throw new ImageWriteException("the record of unsafe image " + context.image().index() + " of job "
                    + context.job().name(), outbox, e, false);
        }
    }

    /** Route step: a describe result becomes {@code <job>.description.json} and {@code <job>.description.txt}. */
    public String writeDescription(Exchange exchange) throws IOException {
        StoreContext context = StoreContext.of(exchange);
        try {
            Files.createDirectories(outbox);
            String base = freeBaseName(context.job().name() + ".description", "txt");
            Path json = outbox.resolve(base + ".json");
            Path text = outbox.resolve(base + ".txt");
            String descriptions = String.join("\n\n", context.prediction().descriptions());
            writeAtomically(text, descriptions.getBytes(StandardCharsets.UTF_8));
            writeAtomically(json, JSON.writeValueAsBytes(Sidecars.description(context)));
            context.progress().stored(new StoredImage(json.toString(), json.toString(), "application/json",
                    Files.size(json), null));
            return json.toString();
        } catch (IOException e) {
            // a write failure, not an unanswered create: the answer was read (and may have been billed)
            throw new ImageWriteException("the description of job " + context.job().name(), outbox, e, false);
        }
    }

    /**
     * After a restart: what a killed run wrote here for the image, found by its sidecar, since the image may carry
     * a {@code -2} suffix. A sidecar whose image file is missing (killed between the two renames) does not count:
     * the image is stored again rather than lost.
     */
    @Override
    public Optional<EarlierImage> find(PredictionImage wanted) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return Optional.empty();
        }
        String prefix = wanted.job() + "-" + wanted.index();
        try (DirectoryStream<Path> sidecars = Files.newDirectoryStream(outbox, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".json");
        })) {
            for (Path sidecar : sidecars) {
                JsonNode meta = JSON.readTree(sidecar.toFile());
                if (!Sidecars.describes(meta, wanted)) {
                    continue;
                }
                String file = Sidecars.file(meta);
                Path image = file == null ? null : outbox.resolve(Path.of(file).getFileName());
                if (image == null || Files.isRegularFile(image)) {
                    return Optional.of(Sidecars.earlier(meta, image == null ? null : image.toString(),
                            sidecar.toString()));
                }
            }
        }
        return Optional.empty();
    }

    private String freeBaseName(String wanted, String extension) {
        return FreeNames.freeBase(outbox, wanted, "." + extension, ".json");
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + "." + TempNames.unique() + ".part");
        try {
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(partial);
        }
    }
}
