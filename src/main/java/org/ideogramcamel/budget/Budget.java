package org.ideogramcamel.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.deadletter.Failures;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.InvalidJobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Today's spend against {@code ideogram.budget.max-spend} and {@code ideogram.budget.max-images} (per UTC day).
 *
 * <p>Before a job's create is sent, {@link #reserve} takes the job's cost (num_images × the provider's
 * {@code price-per-image}) from today's budget. If a cap would be exceeded the job is not failed: it waits (the
 * route loops on an asynchronous delay, holding no thread and no in-flight slot) and is let through after 00:00
 * UTC. A job that failed at its create without being billed gives its reservation back ({@link #settle}); one
 * whose outcome is unknown keeps it, as does every job that got an answer. Reservations count at once and are
 * persisted by the {@link SpendLedger} (a file per day, or a row shared by every instance with
 * {@code ideogram.state.store=jdbc}: then the caps hold for all instances together), so a crash overstates the day's
 * spend rather than forgetting it. Each reservation is one atomic step of the ledger against the caps.
 */
public class Budget {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.budget");
    /** How often the "jobs waiting" summary is repeated while jobs wait. */
    private static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private final BudgetLimits limits;
    private final SpendLedger store;
    private final Clock clock;
    private final Duration recheck;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    private DailySpend today;
    private Instant lastSummary = Instant.MIN;

    public Budget(BudgetLimits limits, SpendLedger store, Clock clock, Duration recheck) {
        this.limits = limits;
        this.store = store;
        this.clock = clock;
        this.recheck = recheck;
    }

    /** What was spent today (UTC) so far, in the unit of the configured prices. */
    public synchronized BigDecimal spentToday() {
        return current().spent();
    }

    /** Images reserved today (UTC) so far. */
    public synchronized int imagesToday() {
        return current().images();
    }

    /** Jobs waiting for the budget right now. */
    public int jobsWaiting() {
        return waiting.size();
    }

    /** Route expression: milliseconds between two checks of a waiting job ({@code ideogram.budget.recheck-interval}). */
    public long recheckMillis() {
        return recheck.toMillis();
    }

    /**
     * Route step: reserves the job's cost against today's budget. Sets {@code IdeogramBudgetWaiting} to true when a
     * cap would be exceeded (the route then waits and calls this again) and to false once the job may be sent.
     */
    public void reserve(Exchange exchange) {
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        if (exchange.getProperty(ExchangeKeys.BUDGET) != null
                || exchange.getProperty(ExchangeKeys.RESUME_HANDLE) != null) {
            // reserved already, or a prediction created before a restart: it was counted when its create was sent
            exchange.setProperty(ExchangeKeys.BUDGET_WAITING, false);
            return;
        }
        synchronized (this) {
            // one lock for both, so spent_today in the sidecar is the total right after this job's reservation
            Reservation reservation = tryReserve(job.name(), job.provider(), job.imagesWanted(),
                    exchange.getExchangeId());
            exchange.setProperty(ExchangeKeys.BUDGET_WAITING, reservation == null);
            if (reservation != null) {
                exchange.setProperty(ExchangeKeys.BUDGET, reservation);
                exchange.setProperty(ExchangeKeys.SPEND, sidecarView(reservation));
            }
        }
    }

    /**
     * Route step of the dead-letter route: a job that failed at its create without being billed (a 4xx answer, or a
     * request that never left) gives its reservation back. Every other failure keeps it: the provider may have
     * billed.
     */
    public void settle(Exchange exchange) {
        Reservation reservation = exchange.getProperty(ExchangeKeys.BUDGET, Reservation.class);
        if (reservation != null && Failures.createWasNotBilled(exchange)) {
            release(reservation);
        }
    }

    /** Takes the job's share of today's budget, or returns null (and logs why) when it has to wait. */
    synchronized Reservation tryReserve(String job, String provider, int images, String waiter) {
        try {
            return reserveOrWait(job, provider, images, waiter);
        } catch (LedgerUnavailableException e) {
            // nothing reserved, so nothing may be sent: the job waits and asks again, as for a cap
            if (waiting.add(waiter)) {
                LOG.warn("budget: job {} waits: {}; it is sent once its cost can be reserved", job, e.getMessage());
            }
            return null;
        }
    }

    private Reservation reserveOrWait(String job, String provider, int images, String waiter) {
        DailySpend day = current();
        BigDecimal price = limits.price(provider);
        Reservation wanted = new Reservation(job, provider, day.day(), price, images);
        refuseIfNeverAffordable(wanted);
        if (limits.isActive()) {
            // the check against the caps and the addition are one atomic step of the ledger: with a shared ledger,
            // other instances spend too, so a total read earlier cannot decide
            Optional<DailySpend> after = store.reserve(day.day(), wanted.cost(), images, limits);
            if (after.isEmpty()) {
                today = store.load(day.day());
                String cap = Optional.ofNullable(capExceeded(today, wanted))
                        .orElse("a cap was reached at the moment of reserving (other instances spend too)");
                if (waiting.add(waiter)) {
                    LOG.warn("budget: job {} waits: {}; it stays queued and is sent after 00:00 UTC or when the cap"
                            + " is raised (restart with a higher value)", job, cap);
                }
                summarise(cap);
                return null;
            }
            today = after.get();
        } else {
            today = day.plus(wanted.cost(), images);
        }
        boolean waited = waiting.remove(waiter);
        if (limits.isActive()) {
            LOG.info("budget: {}job {} reserves {} ({} × {} via {}); spent today {}{}, {} image{}{}",
                    waited ? "after waiting, " : "", job, plain(wanted.cost()), images, plain(price), provider,
                    plain(today.spent()), limits.maxSpend() == null ? "" : " of " + plain(limits.maxSpend()),
                    today.images(), today.images() == 1 ? "" : "s",
                    limits.maxImages() == null ? "" : " of " + limits.maxImages());
        }
        return wanted;
    }

    synchronized void release(Reservation reservation) {
        if (!reservation.release()) {
            return;
        }
        try {
            giveBack(reservation);
        } catch (LedgerUnavailableException e) {
            // counted still: the day is overstated by this job, never understated
            LOG.warn("budget: job {} was not billed but its {} could not be given back ({})", reservation.job(),
                    plain(reservation.cost()), e.getMessage());
        }
    }

    private void giveBack(Reservation reservation) {
        DailySpend day = current();
        if (!limits.isActive()) {
            if (reservation.day().equals(day.day())) {
                today = day.minus(reservation.cost(), reservation.images());
            }
        } else {
            DailySpend after = store.release(reservation.day(), reservation.cost(), reservation.images());
            if (after.day().equals(day.day())) {
                today = after;
            }
        }
        if (limits.isActive()) {
            LOG.info("budget: job {} was not billed (its create was refused); released {}; spent today {}",
                    reservation.job(), plain(reservation.cost()), plain(today.spent()));
        }
    }

    /** Today's spend, loaded on first use and again when the UTC day changes. */
    private DailySpend current() {
        LocalDate date = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (today == null || !today.day().equals(date)) {
            boolean newDay = today != null;
            today = limits.isActive() ? store.load(date) : DailySpend.empty(date);
            if (newDay && limits.isActive()) {
                LOG.info("budget: a new UTC day {}: spent {}, {} images; {} waiting job(s) are checked again",
                        date, plain(today.spent()), today.images(), waiting.size());
            }
        }
        return today;
    }

    /** Why the job cannot be sent today, or null when it fits under both caps. */
    private String capExceeded(DailySpend day, Reservation wanted) {
        if (limits.maxImages() != null && day.images() + wanted.images() > limits.maxImages()) {
            return "max-images " + limits.maxImages() + " reached today (" + day.images() + " image"
                    + (day.images() == 1 ? "" : "s") + ", spent " + plain(day.spent()) + "; this job needs "
                    + wanted.images() + ")";
        }
        if (limits.maxSpend() != null && day.spent().add(wanted.cost()).compareTo(limits.maxSpend()) > 0) {
            return "max-spend " + plain(limits.maxSpend()) + " reached today (spent " + plain(day.spent()) + ", "
                    + plain(limits.maxSpend().subtract(day.spent()).max(BigDecimal.ZERO)) + " left; this job costs "
                    + plain(wanted.cost()) + ")";
        }
        return null;
    }

    /** A job bigger than a whole day's cap would wait forever: it is refused before any call instead. */
    private void refuseIfNeverAffordable(Reservation wanted) {
        if (limits.maxImages() != null && wanted.images() > limits.maxImages()) {
            throw new InvalidJobException("budget: the job asks for " + wanted.images() + " images but"
                    + " ideogram.budget.max-images allows " + limits.maxImages() + " a day; lower num_images or raise"
                    + " the cap");
        }
        if (limits.maxSpend() != null && wanted.cost().compareTo(limits.maxSpend()) > 0) {
            throw new InvalidJobException("budget: the job costs " + plain(wanted.cost()) + " (" + wanted.images()
                    + " × " + plain(wanted.pricePerImage()) + ") but ideogram.budget.max-spend allows "
                    + plain(limits.maxSpend()) + " a day; lower num_images or raise the cap");
        }
    }

    private void summarise(String cap) {
        Instant now = clock.instant();
        if (Duration.between(lastSummary, now).compareTo(SUMMARY_EVERY) < 0 && lastSummary != Instant.MIN) {
            return;
        }
        lastSummary = now;
        int count = waiting.size();
        LOG.warn("budget: {}; {} job{} waiting until 00:00 UTC or a raised cap", cap.replaceFirst("; this job .*\\)",
                ")"), count, count == 1 ? "" : "s");
    }

    /** The {@code spend} object of the job's sidecars. */
    private synchronized Map<String, Object> sidecarView(Reservation reservation) {
        Map<String, Object> spend = new LinkedHashMap<>();
        spend.put("day", reservation.day().toString());
        spend.put("price_per_image", reservation.pricePerImage());
        spend.put("job_cost", reservation.cost());
        spend.put("spent_today", today.spent());
        spend.put("images_today", today.images());
        spend.put("max_spend", limits.maxSpend());
        spend.put("max_images", limits.maxImages());
        spend.put("currency_note", "in the unit of ideogram.providers." + reservation.provider()
                + ".price-per-image; 0 means no price is configured; spent_today includes this job");
        return spend;
    }

    private static String plain(BigDecimal value) {
        return value.setScale(Math.max(2, value.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
