package org.ideogramcamel;

/**
 * An image format recognised from its first bytes, never from a URL or a header, which providers get wrong.
 *
 * @param extension   file extension without the dot
 * @param contentType media type
 */
public record ImageFormat(String extension, String contentType) {

    /** Bytes needed to recognise every format here. */
    public static final int SNIFF_BYTES = 12;

    public static ImageFormat sniff(byte[] head, int length) {
        if (length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return new ImageFormat("png", "image/png");
        }
        if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return new ImageFormat("jpg", "image/jpeg");
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return new ImageFormat("webp", "image/webp");
        }
        if (length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8') {
            return new ImageFormat("gif", "image/gif");
        }
        return null;
    }
}
