package org.ideogramcamel.health;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * An ideogram check that says whether the app can take work now, never whether it is alive: a missing key, a full
 * disk, an open circuit or an unreachable state database must take the instance out of rotation, not get it
 * restarted (a restart cures none of them). Named {@code ideogram-<what>} in the {@code ideogram} group.
 */
public abstract class ReadinessCheck extends AbstractHealthCheck {

    protected ReadinessCheck(String what) {
        super("ideogram", "ideogram-" + what);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
