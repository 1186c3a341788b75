package org.ideogramcamel.dialect.offline;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Draws a placeholder PNG with the prompt written on it, so the whole pipeline can run with no key and no
 * network. The size follows the job's resolution or aspect ratio, scaled to a 512-pixel long side.
 */
public class PlaceholderRenderer {

    private static final int LONG_SIDE = 512;

    static {
        // encode in memory: with its default file cache ImageIO registers every PNG being written with a JVM
        // shutdown hook (StreamCloser) that closes it under the writer's feet, so a SIGTERM failed the renders in
        // progress; the images are small and written to a byte array anyway
        ImageIO.setUseCache(false);
    }

    public byte[] render(String prompt, String resolution, String aspectRatio, int index, long seed) {
        int[] size = size(resolution, aspectRatio);
        BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Random random = new Random(seed * 31 + index);
            Color top = Color.getHSBColor(random.nextFloat(), 0.45f, 0.85f);
            Color bottom = Color.getHSBColor(random.nextFloat(), 0.55f, 0.45f);
            g.setPaint(new GradientPaint(0, 0, top, 0, size[1], bottom));
            g.fillRect(0, 0, size[0], size[1]);
            drawText(g, size, "PLACEHOLDER #" + index + " (offline provider)", prompt);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static void drawText(Graphics2D g, int[] size, String title, String prompt) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 16, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
            FontMetrics metrics = g.getFontMetrics();
            int y = 64;
            for (String line : wrap(prompt, metrics, size[0] - 32)) {
                if (y > size[1] - 16) {
                    break;
                }
                g.drawString(line, 16, y);
                y += metrics.getHeight();
            }
        } catch (RuntimeException | Error noFonts) {
            // a headless JVM without fonts still gets its placeholder, only without the text
        }
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (metrics.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    static int[] size(String resolution, String aspectRatio) {
        double w;
        double h;
        if (resolution != null) {
            String[] parts = resolution.split("x");
            w = Double.parseDouble(parts[0]);
            h = Double.parseDouble(parts[1]);
        } else if (aspectRatio != null) {
            String[] parts = aspectRatio.split(":");
            w = Double.parseDouble(parts[0]);
            h = Double.parseDouble(parts[1]);
        } else {
            w = 1;
            h = 1;
        }
        double scale = LONG_SIDE / Math.max(w, h);
        return new int[] {(int) Math.round(w * scale), (int) Math.round(h * scale)};
    }
}
