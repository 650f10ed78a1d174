package io.tempo.tokener.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.support.FakeWebPlayer.Scenario;
import io.tempo.tokener.support.FakeWebPlayerResource;
import io.tempo.tokener.support.TokenerTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A refresh given up by its overall timeout is over, for the browser thread too. */
@QuarkusTest
@WithTestResource(value = FakeWebPlayerResource.class, initArgs = {
        @ResourceArg(name = "tokener.fetch.timeout", value = "10s"),
        @ResourceArg(name = "tokener.fetch.overall-timeout", value = "3s")})
class GivingUpTest extends TokenerTestBase {

    @Test
    void aGivenUpRefreshMakesNoFurtherAttemptsAndLeavesTheBrowserFreeForTheNextFetch() throws Exception {
        // Every attempt would wait its whole 10 s: the page never asks for a token.
        fake.scenario(Scenario.NO_TOKEN_CALL);
        long failedBefore = tokens.status().refreshesFailed();

        tokens.token(TokenKey.anonymous(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens.status().refreshesFailed() == failedBefore + 1);
        assertThat(tokens.status().lastError().message()).contains("overall timeout");
        // No further attempt after giving up: past the 150 ms backoff the page is still loaded only once.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> fake.pageLoads() == 1);

        fake.scenario(Scenario.NORMAL);
        tokens.clear();
        tokens.token(TokenKey.anonymous(), false);

        // Queued behind the given-up attempt, it would wait out that attempt's 10 s.
        await().atMost(Duration.ofSeconds(5)).until(() -> tokens.status().hasToken());
    }
}
