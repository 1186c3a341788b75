package org.ideogramcamel.journal;

import java.io.File;

import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.strategy.MarkerFileExclusiveReadLockStrategy;
import org.apache.camel.spi.Synchronization;
import org.ideogramcamel.StoppedBeforeSendingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file consumer's completion, except that a failure while the app stops (or a job let go unsent because the
 * app began to stop) leaves the prompt file where it is, for the next start. Its read lock is still given back, so
 * no {@code .camelLock} file is left behind in the inbox.
 */
public record KeptOnShutdown(Synchronization delegate) implements Synchronization {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.journal");

    @Override
    public void onComplete(Exchange exchange) {
        delegate.onComplete(exchange);
    }

    @Override
    public void onFailure(Exchange exchange) {
        ServiceStatus status = exchange.getContext().getStatus();
        if (status.isStopping() || status.isStopped() || stoppedBeforeSending(exchange.getException())) {
            if (!heldElsewhere(exchange.getException())) {
                LOG.info("{} stays in the inbox: the app stopped before its jobs finished; the journal takes them up"
                        + " at the next start", exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY));
            }
            releaseReadLock(exchange);
            return;
        }
        delegate.onFailure(exchange);
    }

    private static boolean heldElsewhere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JobHeldElsewhereException) {
                return true;
            }
        }
        return false;
    }

    private static boolean stoppedBeforeSending(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoppedBeforeSendingException) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the file consumer's rollback does besides moving the file to {@code moveFailed}: the lock marker
     * ({@code readLock=changed} writes {@code <file>.camelLock}) is deleted and the file leaves the in-progress list.
     * Also for the exchanges a stop cut short at the end of its timeout, which never complete at all; only this
     * app's own locks are touched (another instance may share the inbox).
     */
    @SuppressWarnings("unchecked")
    public static void releaseReadLock(Exchange exchange) {
        GenericFile<File> file = exchange.getProperty(Exchange.FILE_EXCHANGE_FILE, GenericFile.class);
        if (file == null) {
            return;
        }
        try {
            new MarkerFileExclusiveReadLockStrategy().releaseExclusiveReadLockOnRollback(null, file, exchange);
        } catch (Exception e) {
            LOG.warn("could not delete the read lock of {}: {}", file.getAbsoluteFilePath(), e.getMessage());
        }
        if (exchange.getFromEndpoint() instanceof GenericFileEndpoint<?> endpoint) {
            endpoint.getInProgressRepository().remove(file.getAbsoluteFilePath());
            if (endpoint.getIdempotentRepository() != null && String.valueOf(endpoint.getReadLock())
                    .startsWith("idempotent")) {
                // the shared inbox's claim on the file (ideogram.state.store=jdbc), so any instance may read it again
                endpoint.getIdempotentRepository().remove(file.getAbsoluteFilePath());
            }
        }
    }
}
