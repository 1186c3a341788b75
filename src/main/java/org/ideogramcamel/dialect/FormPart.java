package org.ideogramcamel.dialect;

import java.nio.charset.StandardCharsets;

/**
 * One part of a multipart/form-data request: a text field, a JSON field or a file.
 *
 * @param name        the form field name ({@code image_file}, {@code prompt} …)
 * @param fileName    the file name sent for a file part, null for fields
 * @param contentType the part's media type ({@code text/plain}, {@code application/json}, {@code image/png})
 * @param content     the part's bytes
 */
public record FormPart(String name, String fileName, String contentType, byte[] content) {

    public static FormPart text(String name, String value) {
        return new FormPart(name, null, "text/plain", value.getBytes(StandardCharsets.UTF_8));
    }

    public static FormPart json(String name, String json) {
        return new FormPart(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static FormPart file(String name, String fileName, String contentType, byte[] content) {
        return new FormPart(name, fileName, contentType, content);
    }

    public boolean isFile() {
        return fileName != null;
    }
}
