package io.tempo.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tempo.bench.Args;
import io.tempo.bench.db.ServiceDatasource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The start-up benchmark's options: documented defaults, which services run, refusals. */
class StartupOptionsTest {

    private static StartupOptions parse(String... argv) {
        return StartupOptions.parse(new Args(argv));
    }

    @Test
    void defaultsStartBothServicesFiveTimes() {
        StartupOptions o = parse();

        assertThat(o.syncApp()).isEqualTo(Path.of("/tmp/bench-src/sync-service/target/quarkus-app"));
        assertThat(o.tokenerApp()).isEqualTo(Path.of("/tmp/bench-src/tokener-service/target/quarkus-app"));
        assertThat(o.javaOptions()).isEmpty();
        assertThat(o.runs()).isEqualTo(5);
        assertThat(o.settleS()).isEqualTo(5);
        assertThat(o.sync()).isTrue();
        assertThat(o.tokener()).isTrue();
        assertThat(o.datasource()).isEqualTo(ServiceDatasource.DATABASE_URL);
        assertThat(o.runDir().getFileName().toString()).startsWith("startup-");
    }

    @Test
    void onlyPicksOneService() {
        assertThat(parse("--only", "sync").tokener()).isFalse();
        assertThat(parse("--only", "sync").sync()).isTrue();
        assertThat(parse("--only", "tokener").sync()).isFalse();
        assertThat(parse("--java-opts", "-Xmx256m", "--runs", "1").javaOptions()).containsExactly("-Xmx256m");
    }

    @Test
    void aMisspeltDatasourceIsRefused() {
        assertThatThrownBy(() -> parse("--datasource-env", "url")).hasMessage("--datasource-env database-url|quarkus");
    }
}
