package org.ideogramcamel.dialect.wavespeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.ideogramcamel.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskInverterTest {

    static final int BLACK = 0xFF000000;
    static final int WHITE = 0xFFFFFFFF;

    /** A 4x3 mask: black left half (regenerate), white right half (keep), and a few odd pixels. */
    static BufferedImage canonicalMask() {
        BufferedImage mask = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                mask.setRGB(x, y, x < 2 ? BLACK : WHITE);
            }
        }
        mask.setRGB(0, 2, 0x80000000); // half-transparent black
        mask.setRGB(3, 2, 0x00FFFFFF); // fully transparent white
        mask.setRGB(1, 1, 0xFF123456); // a colour, to show each channel is inverted on its own
        return mask;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void everyPixelHasItsColourInvertedAndItsAlphaKept() throws IOException {
        BufferedImage source = canonicalMask();
        BufferedImage inverted = decode(MaskInverter.invert(png(source)));

        assertThat(inverted.getWidth()).isEqualTo(4);
        assertThat(inverted.getHeight()).isEqualTo(3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                int before = source.getRGB(x, y);
                int after = inverted.getRGB(x, y);
                assertThat(after >>> 24).as("alpha at %d,%d", x, y).isEqualTo(before >>> 24);
                assertThat(after & 0xFFFFFF).as("rgb at %d,%d", x, y).isEqualTo(~before & 0xFFFFFF);
            }
        }
        assertThat(inverted.getRGB(0, 0)).isEqualTo(WHITE);
        assertThat(inverted.getRGB(3, 0)).isEqualTo(BLACK);
        assertThat(inverted.getRGB(1, 1)).isEqualTo(0xFFEDCBA9);
        assertThat(inverted.getRGB(0, 2)).isEqualTo(0x80FFFFFF);
    }

    @Test
    void aGreyscaleMaskBecomesAnInvertedPng() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.setRGB(0, 0, BLACK);
        grey.setRGB(1, 0, WHITE);

        byte[] inverted = MaskInverter.invert(png(grey));

        assertThat(ImageFormat.sniff(inverted, inverted.length).extension()).isEqualTo("png");
        BufferedImage image = decode(inverted);
        assertThat(image.getRGB(0, 0)).isEqualTo(WHITE);
        assertThat(image.getRGB(1, 0)).isEqualTo(BLACK);
    }

    @Test
    void invertingTwiceGivesTheMaskBack() throws IOException {
        BufferedImage source = canonicalMask();
        BufferedImage twice = decode(MaskInverter.invert(MaskInverter.invert(png(source))));
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(twice.getRGB(x, y)).isEqualTo(source.getRGB(x, y));
            }
        }
    }

    @Test
    void undecodableMasksAreRecognisedBeforeAnyCall(@TempDir Path dir) throws IOException {
        Path webp = dir.resolve("mask.webp");
        Files.write(webp, new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '});
        Path png = dir.resolve("mask.png");
        Files.write(png, png(canonicalMask()));

        assertThat(MaskInverter.canRead(webp)).isFalse();
        assertThat(MaskInverter.canRead(png)).isTrue();
        assertThatThrownBy(() -> MaskInverter.invert(webp)).hasMessageContaining("use a PNG mask");
    }
}
