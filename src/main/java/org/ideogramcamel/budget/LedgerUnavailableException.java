package org.ideogramcamel.budget;

/**
 * The shared ledger cannot be asked now (its database is down or unreachable). A job then waits for the budget, as
 * for a cap, and asks again after {@code ideogram.budget.recheck-interval}: nothing is sent that was not reserved.
 */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
