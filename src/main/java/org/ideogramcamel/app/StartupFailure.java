package org.ideogramcamel.app;

import org.ideogramcamel.OneLine;

/**
 * How a failed start-up is told: the one line of the app's own check that refused (a key, a port, the state
 * folder), not the stack trace Camel Main wraps it in; exit status 2 for such a configuration mistake, 1 for
 * anything else.
 */
final class StartupFailure {

    private StartupFailure() {
    }

    static String reason(Throwable failure) {
        Throwable own = ownCheck(failure);
        if (own != null) {
            return OneLine.of(own.getMessage());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "could not start: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + OneLine.of(root.getMessage()));
    }

    static int exitStatus(Throwable failure) {
        return ownCheck(failure) != null ? 2 : 1;
    }

    /** The first IllegalArgumentException or IllegalStateException the app itself threw, in the cause chain. */
    private static Throwable ownCheck(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if ((t instanceof IllegalArgumentException || t instanceof IllegalStateException) && t.getMessage() != null
                    && t.getStackTrace().length > 0 && t.getStackTrace()[0].getClassName().startsWith("org.ideogramcamel")) {
                return t;
            }
        }
        return null;
    }
}
