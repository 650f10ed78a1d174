package io.tempo.tokener;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.tempo.tokener.browser.EarlyLaunch;

/** Starts Chromium alongside Quarkus instead of after it: the two start-ups overlap (see {@link EarlyLaunch}). */
@QuarkusMain
public class TokenerMain {

    public static void main(String... args) {
        EarlyLaunch.start();
        Quarkus.run(args);
    }
}
