package io.tempo.common.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Makes {@link Clock} injectable, so code asks the clock for "now" and tests can replace it with a
 * fixed or stepping one ({@code @Alternative @Priority}) instead of sleeping.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
