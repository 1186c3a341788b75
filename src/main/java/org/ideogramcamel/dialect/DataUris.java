package org.ideogramcamel.dialect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.ideogramcamel.ImageFormat;

/** Source images as {@code data:} URIs, for providers that take files inside a JSON body. */
public final class DataUris {

    private DataUris() {
    }

    public static String of(Path image) {
        return of(read(image));
    }

    public static String of(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes, bytes.length);
        String type = format == null ? "application/octet-stream" : format.contentType();
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    public static byte[] read(Path image) {
        try {
            return Files.readAllBytes(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + image.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
