package io.tempo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line every benchmark reads: values, defaults, refusals and the {@code --help} list. */
class ArgsTest {

    @Test
    void readsSpacedAndEqualsValuesFlagsAndDefaults() {
        Args args = new Args(new String[] {"--runs", "5", "--users=200,1000", "--jfr", "--latency-ms", "50"});

        assertThat(args.integer("runs", 3, "")).isEqualTo(5);
        assertThat(args.integers("users", "1000,10000", "")).containsExactly(200, 1000);
        assertThat(args.flag("jfr", "")).isTrue();
        assertThat(args.flag("no-fsync", "")).isFalse();
        assertThat(args.integer("latency-ms", 100, "")).isEqualTo(50);
        assertThat(args.decimal("trouble-429-share", 0.10, "")).isEqualTo(0.10);
        assertThat(args.string("scenario", "throughput", "")).isEqualTo("throughput");
        assertThat(args.limit("naive-max-users", "")).isEqualTo(Integer.MAX_VALUE);
        args.rejectUnknown();
    }

    @Test
    void splitsJvmOptionsOnWhiteSpaceAndEnvironmentOnCommas() {
        Args args = new Args(new String[] {"--service-java-opts", " -Xmx512m  -XX:+UseSerialGC ",
                "--service-env", "SYNC_CONCURRENCY=64, SYNC_DEADLINE=30m"});

        assertThat(args.words("service-java-opts", "")).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
        assertThat(args.words("java-opts", "")).isEmpty();
        assertThat(args.pairs("service-env", "")).isEqualTo(Map.of("SYNC_CONCURRENCY", "64", "SYNC_DEADLINE", "30m"));
    }

    @Test
    void refusesAPairWithoutAKey() {
        Args args = new Args(new String[] {"--service-env", "SYNC_CONCURRENCY"});

        assertThatThrownBy(() -> args.pairs("service-env", ""))
                .hasMessage("--service-env expects KEY=VALUE[,KEY=VALUE], got SYNC_CONCURRENCY");
    }

    @Test
    void refusesAnOptionNobodyRead() {
        Args args = new Args(new String[] {"--runs", "2", "--rnus", "3"});
        args.integer("runs", 3, "");

        assertThatThrownBy(args::rejectUnknown).hasMessage("unknown options: [rnus]");
    }

    @Test
    void refusesAWordThatIsNoOption() {
        assertThatThrownBy(() -> new Args(new String[] {"runs"})).hasMessage("expected --option, got runs");
    }

    @Test
    void helpListsEveryOptionReadWithItsDefaultInReadingOrder() {
        Args args = new Args(new String[] {"--help"});
        args.integers("users", "1000,10000", "user counts");
        args.flag("jfr", "a JFR recording");
        args.words("service-java-opts", "JVM options");
        args.limit("ingest-users", "only the first N users");
        args.string("service-app", "/tmp/bench-src/sync-service/target/quarkus-app", "the packaged service");

        assertThatThrownBy(args::rejectUnknown).isInstanceOf(Args.HelpRequested.class)
                .hasMessage(String.join("\n", List.of(
                        "  --users 1000,10000         user counts",
                        "  --jfr                      a JFR recording",
                        "  --service-java-opts VALUE  JVM options",
                        "  --ingest-users N           only the first N users (default: no limit)",
                        "  --service-app /tmp/bench-src/sync-service/target/quarkus-app",
                        "                             the packaged service", "")));
    }
}
