package org.ideogramcamel.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.ideogramcamel.ImageFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image whose bytes are held in a local spool file until its store has taken it. A retry of the store uses
 * the held bytes instead of downloading the image again, and if the store gives up the dead-letter channel gets
 * the bytes and the sidecar, so an image that was paid for is never lost.
 *
 * @param file        the spool file
 * @param format      sniffed from the bytes
 * @param bytes       size
 * @param sha256      hex digest of the bytes
 * @param name        {@code <job>-<n>.<ext>}: the image's name in a dead-letter channel
 * @param sidecar     the sidecar JSON that goes beside the image in a dead-letter channel
 * @param destination where the store was writing, for the dead-letter reason (never a credential)
 * @param location    where the image is being written ({@code s3://bucket/key}) once chosen, else null
 * @param sidecarLocation where its sidecar is being written, once chosen
 */
public record HeldImage(Path file, ImageFormat format, long bytes, String sha256, String name, byte[] sidecar,
        String destination, String location, String sidecarLocation) {

    private static final Logger LOG = LoggerFactory.getLogger(HeldImage.class);

    public HeldImage at(String newLocation, String newSidecarLocation) {
        return new HeldImage(file, format, bytes, sha256, name, sidecar, destination, newLocation, newSidecarLocation);
    }

    /** The name of the sidecar in a dead-letter channel: {@code <job>-<n>.json}. */
    public String sidecarName() {
        return S3KeyTemplate.sidecarKey(name, format.extension());
    }

    /**
     * When the exchange ends, stored or dead-lettered, the spool file is gone; if neither took it (the dead-letter
     * endpoint itself failed) the bytes stay in the spool folder, and a warning says where.
     */
    public void warnIfLeft(Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (Files.exists(file)) {
                    LOG.warn("image {} was neither stored nor dead-lettered; its bytes are kept in {}", name,
                            file.toAbsolutePath());
                }
            }
        });
    }

    /** Deletes the spool file once the store or a dead-letter channel has the bytes. */
    public void release() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a spool file left behind wastes disk space but loses nothing; the next start does not need it
        }
    }
}
