package org.ideogramcamel.job;

import java.util.Locale;

/**
 * A failure's kind, a small fixed set (unlike its reason, which is free text): the {@code reason} tag of
 * {@code ideogram_jobs_failed_total}, so an operator can alert on, say, a burst of {@code client_error}.
 */
public enum FailureKind {
    /** The job was refused before any call: unreadable, invalid, or asking what its provider cannot do. */
    INVALID,
    /** The provider answered 4xx (not 408/429), or a prediction ended failed or canceled. */
    CLIENT_ERROR,
    /** 408, 429 or 5xx, still failing after the retries. */
    SERVER_ERROR,
    /** The prediction was still pending at {@code ideogram.poll.deadline}. */
    TIMEOUT,
    /** A create was sent and never answered: it may have been billed, so it was not resent. */
    OUTCOME_UNKNOWN,
    /** A network error on a poll, cancel or download, still failing after the retries. */
    IO_ERROR,
    /** An image could not be downloaded or was not an image. */
    DOWNLOAD_ERROR,
    /** The store (S3) would not take an image, after the retries; its bytes went to the dead-letter channel. */
    STORE_ERROR,
    /** Anything else: a bug or an unexpected state; the dead-letter record says what. */
    INTERNAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
