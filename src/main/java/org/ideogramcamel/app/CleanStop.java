package org.ideogramcamel.app;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.LifecycleStrategySupport;
import org.ideogramcamel.budget.BudgetWait;
import org.ideogramcamel.journal.KeptOnShutdown;
import org.ideogramcamel.limit.FileJobAdmission;
import org.ideogramcamel.limit.ProviderGate;

/**
 * A stop (SIGTERM, Ctrl-C) never turns a job that was not sent into a dead letter: as soon as the app begins to
 * stop, the jobs waiting for admission (jobs of files), for today's budget or for a provider slot are let go (their
 * prompt files stay in the inbox for the next start) and no further create starts waiting, so the stop is not held
 * for the shutdown timeout by jobs that could not have finished in it anyway. Jobs whose create was sent get the
 * shutdown timeout as before.
 */
final class CleanStop {

    private CleanStop() {
    }

    /** Binds {@code budgetWait} (the generate route's budget wait) and lets the waiting jobs go when the app stops. */
    static void wire(CamelContext context, Duration budgetRecheck, ScheduledExecutorService scheduler,
            ProviderGate providerGate, FileJobAdmission fileJobAdmission) {
        BudgetWait budgetWait = new BudgetWait(budgetRecheck, scheduler);
        context.getRegistry().bind("budgetWait", budgetWait);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStarting(CamelContext starting) {
                // the read locks are released below by browsing the exchanges still in flight, which Camel's
                // inflight repository allows only when told to (off by default: browse() answers an empty list, and
                // the lock of a job cut short while its poll waited was left behind). Set here, not in configure:
                // camel-main's configurer sets it again from camel.main.inflightRepositoryBrowseEnabled (false).
                starting.getInflightRepository().setInflightBrowseEnabled(true);
            }

            @Override
            public void onContextStopping(CamelContext stopping) {
                fileJobAdmission.stop();
                budgetWait.stop();
                providerGate.stop();
            }
        });
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextRoutesStoppedEvent) {
                    // jobs cut short at the end of the shutdown timeout never complete: their files stay in the
                    // inbox (the journal takes them up), and their read locks go with this app
                    context.getInflightRepository().browse()
                            .forEach(inflight -> KeptOnShutdown.releaseReadLock(inflight.getExchange()));
                }
            }
        });
    }
}
