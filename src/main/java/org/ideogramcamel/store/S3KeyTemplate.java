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

    /** Whether keys carry the date: then an image stored on another day than today has another key. */
    public boolean isDated() {
        return template.contains("{date}");
    }

    /** Whether keys end in the image's extension; without it the sidecar's key is the image key plus .json. */
    boolean hasExtension() {
        return template.contains("{ext}");
    }

    /**
     * Every key {@link #imageKey} gives image {@code n} of the job on that date, whatever its extension and
     * {@code -2} … suffix. The extension, when the template has one, is the group {@code ext}.
     */
    Pattern imageKeys(LocalDate date, String job, int n) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int at = 0;
        boolean extension = false;
        while (matcher.find()) {
            regex.append(Pattern.quote(template.substring(at, matcher.start())));
            switch (matcher.group(1)) {
                case "date" -> regex.append(Pattern.quote(date.toString()));
                case "job" -> regex.append(Pattern.quote(job));
                case "n" -> regex.append(Pattern.quote(String.valueOf(n))).append("(?:-\\d+)?");
                default -> {
                    regex.append(extension ? "\\k<ext>" : "(?<ext>[a-z0-9]+)");
                    extension = true;
                }
            }
            at = matcher.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(at))).toString());
    }

    /** What all those keys start with: the template up to its first {@code {n}} or {@code {ext}}, to list by. */
    String keyPrefix(LocalDate date, String job) {
        int n = template.indexOf("{n}");
        int ext = template.indexOf("{ext}");
        int cut = ext < 0 ? n : Math.min(n, ext);
        return template.substring(0, cut).replace("{date}", date.toString()).replace("{job}", job);
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
