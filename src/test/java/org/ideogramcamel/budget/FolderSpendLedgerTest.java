package org.ideogramcamel.budget;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on {@code ideogram.state.store=folder}: a file per day under {ideogram.state}/budget. */
class FolderSpendLedgerTest extends SpendLedgerContract {

    @TempDir
    Path folder;

    @Override
    protected SpendLedger ledger() {
        return new DailySpendStore(folder);
    }

    @Override
    protected SpendLedger reopened() {
        return new DailySpendStore(folder);
    }
}
