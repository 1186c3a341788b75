package org.ideogramcamel.state.jdbc;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * The shared inbox's claim on each prompt file ({@code ideogram.state.store=jdbc}): camel-sql's orphan-aware JDBC
 * repository in CAMEL_MESSAGEPROCESSED, behind camel-file's {@code idempotent-changed} read lock. A claim is kept
 * alive while this instance works on the file; one whose owner died is an orphan once older than one and a half
 * leases (after that instance's job claims lapsed), and another instance takes the file then.
 *
 * <p>One change: this instance removes only the claims it made. The file consumer gives back the read lock of a
 * file it failed to lock as it gives back one it held (rollback), which would delete the claim of the instance that
 * holds the file and let the next poll take it a second time.
 */
public class InboxFileClaims extends JdbcOrphanLockAwareIdempotentRepository {

    private final Set<String> own = ConcurrentHashMap.newKeySet();

    public InboxFileClaims(DataSource dataSource, CamelContext context, Duration lease) {
        super(dataSource, "ideogram-inbox", context);
        setCreateTableIfNotExists(false);
        setLockMaxAgeMillis(lease.toMillis() * 3 / 2);
        setLockKeepAliveIntervalMillis(Math.max(200, Math.min(5_000, lease.toMillis() / 4)));
    }

    @Override
    public boolean add(String key) {
        boolean added = super.add(key);
        if (added) {
            own.add(key);
        }
        return added;
    }

    @Override
    public boolean remove(String key) {
        return own.remove(key) && super.remove(key);
    }
}
