package org.ideogramcamel.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One job's share of a day's budget, taken before its create is sent.
 *
 * @param job           the job's name
 * @param provider      the provider it is sent to
 * @param day           the UTC day it counts against
 * @param pricePerImage the provider's configured price
 * @param images        images the job asks for
 * @param cost          images × price
 */
public record Reservation(String job, String provider, LocalDate day, BigDecimal pricePerImage, int images,
        BigDecimal cost, AtomicBoolean released) {

    Reservation(String job, String provider, LocalDate day, BigDecimal pricePerImage, int images) {
        this(job, provider, day, pricePerImage, images, pricePerImage.multiply(BigDecimal.valueOf(images)),
                new AtomicBoolean());
    }

    /** True the first time only: a reservation is released at most once. */
    boolean release() {
        return released.compareAndSet(false, true);
    }
}
