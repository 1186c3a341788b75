package org.ideogramcamel.dialect.wavespeed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

import org.ideogramcamel.dialect.DataUris;

/**
 * Turns a canonical mask (black marks the area to regenerate) into WaveSpeed's (white marks it): every pixel's
 * red, green and blue are inverted, its alpha is kept, and the result is a PNG whatever the mask was.
 */
public final class MaskInverter {

    static {
        // encode in memory, not through ImageIO's temporary file (closed by a shutdown hook during a stop)
        ImageIO.setUseCache(false);
    }

    private MaskInverter() {
    }

    /** Whether the JDK can decode this file (PNG, JPEG, GIF, BMP; not WebP), checked from its header only. */
    public static boolean canRead(Path mask) {
        try (ImageInputStream in = ImageIO.createImageInputStream(mask.toFile())) {
            return in != null && ImageIO.getImageReaders(in).hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    public static byte[] invert(Path mask) {
        return invert(DataUris.read(mask));
    }

    public static byte[] invert(byte[] maskBytes) {
        BufferedImage mask = decode(maskBytes);
        int width = mask.getWidth();
        int height = mask.getHeight();
        // ARGB whatever the source type (grey, palette, RGB), so inverting the low 24 bits inverts R, G and B
        BufferedImage inverted = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                inverted.setRGB(x, y, mask.getRGB(x, y) ^ 0x00FFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(inverted, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the inverted mask as PNG: " + e.getMessage(), e);
        }
        return png.toByteArray();
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("the mask is in a format Java cannot decode; use a PNG mask");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode the mask: " + e.getMessage(), e);
        }
    }
}
