package org.ideogramcamel.health;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness with {@code ideogram.state.store=jdbc}: the state database answers. While it does not, the app takes no
 * new work it could not journal (the shared inbox cannot claim a file, a job cannot be journaled before its
 * create), so a load balancer or orchestrator should send work elsewhere; it is UP again by itself once the
 * database is back.
 */
public class StateDatabaseCheck extends ReadinessCheck {

    private final Supplier<Optional<String>> problem;
    private final String where;

    /**
     * @param problem why the database cannot be used now, empty when it can
     * @param where   the database, for the details (never a password)
     */
    public StateDatabaseCheck(Supplier<Optional<String>> problem, String where) {
        super("state-database");
        this.problem = problem;
        this.where = where;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("url", where);
        Optional<String> why = problem.get();
        if (why.isEmpty()) {
            builder.message("state database reachable").up();
        } else {
            builder.message("the state database cannot be reached (" + why.get() + "); no new work is taken until it"
                    + " is back: check ideogram.state.jdbc.url, .user and .password").down();
        }
    }
}
