package org.ideogramcamel.state.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.camel.Exchange;

/**
 * Whether a failure means the state database cannot be reached now (stopped, restarting, failing over, the network
 * to it gone), as opposed to a statement it refused. A job step that failed that way did nothing the database could
 * not take back, so routes/error-handling.camel.yaml runs the same step again once the database answers, instead of
 * dead-lettering a job that is merely waiting for it (bean {@code stateDatabaseOutage}).
 */
public final class DatabaseOutage {

    /** Route predicate: the exchange failed because the state database is out of reach. */
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        return isOutage(failure);
    }

    /**
     * HikariCP's "connection is not available" (no connection could be made within its connection timeout),
     * SQLState class 08 (connection exception) and 57P (the server shutting down, crashed or not yet accepting
     * connections), anywhere in the cause chain.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
