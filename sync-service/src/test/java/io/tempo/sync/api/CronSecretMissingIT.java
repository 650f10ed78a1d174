package io.tempo.sync.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CronSecretMissingTest} against the packaged application: the jar, or the native executable with -Dnative. */
@QuarkusIntegrationTest
class CronSecretMissingIT extends CronSecretMissingTest {
}
