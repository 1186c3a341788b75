package org.ideogramcamel.store;

/**
 * An image URL answered with an HTTP error or with something that is not an image. 408, 429 and 5xx are worth
 * retrying (the URL is still valid); a 404 or 403 means the image is gone.
 */
public class ImageDownloadException extends RuntimeException {

    private final int status;

    public ImageDownloadException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isRetryable() {
        return status == 408 || status == 429 || status >= 500;
    }
}
