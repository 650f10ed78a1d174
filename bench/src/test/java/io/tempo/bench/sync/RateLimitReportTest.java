package io.tempo.bench.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rate-limit and trouble reports' cells: window rate reached, 429 shares, faults and failures. */
class RateLimitReportTest {

    /** 2,000 calls, 100 of them refused by the window, 10 answered 429 otherwise, over 20 s, window 100 calls/s. */
    private static final RateLimitRun LIMITED = new RateLimitRun(
            SyncRuns.service(0, "", SyncRuns.stats(2_000, 110, 100, 0), SyncRuns.exact(10_000)), 100);

    @Test
    void theWindowCountsOnlyTheCallsItLetIn() {
        assertThat(LIMITED.accepted()).isEqualTo(1_900);
        assertThat(LIMITED.reached()).isEqualTo(0.95);
        assertThat(LIMITED.share429()).isEqualTo(0.055);
    }

    @Test
    void runRowAndLineQuoteTheWindowsShareAndThe429s() {
        assertThat(RateLimitReport.runRow(200, "as built", 1, LIMITED)).containsExactly("200", "as built", "1", "20.0",
                "2000", "1900", "95.0 %", "110", "5.50 %", "10.0", "0", "10000", "10000", "0", "0");
        assertThat(RateLimitReport.runLine(200, 1, "", LIMITED)).isEqualTo("- 200 users, run 1: 20.0 s, 95.0 % of "
                + "the window's rate, 110 of 2000 calls answered 429, 0 users failed; exact: expected 10000, stored "
                + "10000, matched 10000, missing 0, unexpected 0");
    }

    @Test
    void summaryRowIsInPercent() {
        RateLimitSamples samples = new RateLimitSamples();
        samples.record(LIMITED);

        assertThat(RateLimitReport.summaryRow(200, "as built", samples)).containsExactly("200", "as built", "95.0",
                "5.50", "10.0", "20.0", "0", "exact");
    }

    @Test
    void troubleRowNamesTheFaultsAndTheFirstError() {
        ServiceRun faulty = SyncRuns.service(2, "Spotify rate limit exceeded", SyncRuns.stats(500, 50, 0, 25),
                SyncRuns.exact(9_900));

        assertThat(TroubleReport.row(200, "as built", 1, "10% 429 + 5% 5xx", faulty)).containsExactly("200",
                "as built", "1", "10% 429 + 5% 5xx", "20.0", "500", "50", "25", "198/200",
                "2 (Spotify rate limit exceeded)", "9900", "9900", "9900", "0", "0");
    }
}
