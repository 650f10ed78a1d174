package io.tempo.sync.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link CronContractTest} against the packaged application: the jar, or the native executable with -Dnative. */
@QuarkusIntegrationTest
class CronContractIT extends CronContractTest {
}
