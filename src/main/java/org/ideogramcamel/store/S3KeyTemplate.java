package org.ideogramcamel.store;

import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object key of an image, from {@code ideogram.s3.key-template} (default {@value #DEFAULT}). Placeholders:
 * {@code {date}} (UTC date of storing, yyyy-MM-dd), {@code {job}}, {@code {n}} (the image's number in its job) and
 * {@code {ext}} (png, jpg, webp or gif, from the bytes). The sidecar's key is the image key with {@code .json} in
 * place of the extension.
 */
public final class S3KeyTemplate {

    public static final String DEFAULT = "{date}/{job}-{n}.{ext}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> KNOWN = Set.of("date", "job", "n", "ext");

    private final String template;

    private S3KeyTemplate(String template) {
        this.template = template;
    }

    /** Checks the template once at start-up, so a typo fails there and not on the first paid image. */
    public static S3KeyTemplate parse(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!KNOWN.contains(matcher.group(1))) {
                throw new IllegalArgumentException("ideogram.s3.key-template=" + template + " has an unknown placeholder {"
                        + matcher.group(1) + "}; use {date} {job} {n} {ext}");
            }
        }
        if (!template.contains("{job}") || !template.contains("{n}")) {
            throw new IllegalArgumentException("ideogram.s3.key-template=" + template
                    + " must contain {job} and {n}, or images of different jobs would share a key");
        }
        if (template.startsWith("/")) {
            throw new IllegalArgumentException("ideogram.s3.key-template=" + template
                    + " starts with '/'; S3 keys have no leading slash (use " + DEFAULT + ")");
        }
        return new S3KeyTemplate(template);
    }

    /** The image's key; {@code n} is its number, or {@code 1-2} when {@code 1} is taken. */
    public String imageKey(LocalDate date, String job, String n, String extension) {
        return template.replace("{date}", date.toString()).replace("{job}", job).replace("{n}", n)
                .replace("{ext}", extension);
    }

    /** The sidecar beside the image: the same key with {@code .json} in place of the image's extension. */
    public static String sidecarKey(String imageKey, String extension) {
        String suffix = "." + extension;
        return imageKey.endsWith(suffix) ? imageKey.substring(0, imageKey.length() - suffix.length()) + ".json"
                : imageKey + ".json";
    }

    @Override
    public String toString() {
        return template;
    }
}
