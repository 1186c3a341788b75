package org.ideogramcamel.store;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.ideogramcamel.ImageFormat;

/**
 * Streams an image body to a file in one pass, recognising its format from the first bytes and counting and
 * hashing it on the way, so no store ever holds a whole image in memory.
 */
final class ImageSpool {

    /**
     * Bytes moved per read and per write. The JDK's 8 KB default costs 500 system calls for a 2 MB image (a read
     * from the socket and a write to the file per 8 KB); 64 KB makes it 64, which at 40 images a second is the
     * difference between the copy and the rest of the job competing for the CPU.
     */
    private static final int CHUNK = 64 * 1024;

    /** What was written: the format sniffed from the bytes, the size and the hex SHA-256. */
    record Spooled(ImageFormat format, long bytes, String sha256) {
    }

    private ImageSpool() {
    }

    /**
     * Writes {@code in} to {@code target}; refuses (before writing) bytes that are not a known image format. A
     * failure of the target (it cannot be created, a write fails) is a {@link TargetFailed}, told apart from a failure
     * of the stream read; when the target could not even be created, nothing was read from {@code in}.
     */
    static Spooled write(InputStream in, Path target, int imageIndex) throws IOException {
        OutputStream file;
        try {
            file = Files.newOutputStream(target);
        } catch (IOException e) {
            throw new TargetFailed(e, true);
        }
        MessageDigest sha256 = sha256();
        ImageFormat format;
        long bytes;
        try (OutputStream out = new TargetStream(new DigestOutputStream(file, sha256))) {
            BufferedInputStream body = new BufferedInputStream(in, CHUNK);
            body.mark(ImageFormat.SNIFF_BYTES);
            byte[] head = body.readNBytes(ImageFormat.SNIFF_BYTES);
            body.reset();
            format = ImageFormat.sniff(head, head.length);
            if (format == null) {
                throw new ImageDownloadException(-1, "image " + imageIndex
                        + " is not a PNG, JPEG, WebP or GIF image (" + head.length + "+ bytes of something else)");
            }
            bytes = copy(body, out);
        }
        return new Spooled(format, bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    /** The file being written failed, not the stream being read (a download, inline bytes). */
    static final class TargetFailed extends IOException {

        private final boolean nothingRead;

        TargetFailed(IOException cause, boolean nothingRead) {
            super(cause.getMessage(), cause);
            this.nothingRead = nothingRead;
        }

        /** The target could not be created: the stream is untouched, its bytes can still go elsewhere. */
        boolean nothingRead() {
            return nothingRead;
        }

        IOException failure() {
            return (IOException) getCause();
        }
    }

    /** Turns every failure of the written file into a {@link TargetFailed}. */
    private static final class TargetStream extends FilterOutputStream {

        TargetStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new TargetFailed(e, false);
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new TargetFailed(e, false);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw new TargetFailed(e, false);
            }
        }
    }

    /** {@link InputStream#transferTo} with a {@link #CHUNK}-sized buffer instead of its fixed 8 KB. */
    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) >= 0; ) {
            out.write(chunk, 0, n);
            total += n;
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
