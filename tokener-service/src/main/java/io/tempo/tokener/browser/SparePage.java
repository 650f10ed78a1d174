package io.tempo.tokener.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/** A fresh context with its page already open, for the next piece of work on the browser it belongs to. */
record SparePage(LaunchedBrowser browser, Page page) {

    static SparePage open(LaunchedBrowser browser, BrowserContext context) {
        return new SparePage(browser, context.newPage());
    }
}
