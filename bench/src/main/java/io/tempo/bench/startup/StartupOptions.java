package io.tempo.bench.startup;

import io.tempo.bench.Args;
import io.tempo.bench.db.ServiceDatasource;
import io.tempo.bench.report.Report;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code bench/run-startup.sh} can be told, read once with each option's default and help text.
 *
 * @param only    {@code both}, {@code sync} or {@code tokener}
 * @param settleS idle memory is read this long after ready
 */
record StartupOptions(Path syncApp, Path tokenerApp, List<String> javaOptions, int runs, int settleS, String only,
                      ServiceDatasource datasource, Path runDir) {

    static StartupOptions parse(Args args) {
        StartupOptions options = new StartupOptions(
                Path.of(args.string("service-app", "/tmp/bench-src/sync-service/target/quarkus-app",
                        "the packaged sync-service (bench/run-startup.sh builds it)")),
                Path.of(args.string("tokener-app", "/tmp/bench-src/tokener-service/target/quarkus-app",
                        "the packaged tokener-service (bench/run-startup.sh builds it)")),
                args.words("java-opts", "JVM options of both services"),
                args.integer("runs", 5, "starts of each service"),
                args.integer("settle-s", 5, "idle memory is read this long after ready"),
                args.string("only", "both", "both, sync or tokener"),
                ServiceDatasource.fromOption(args.string("datasource-env", "database-url",
                        "how the sync-service finds its database: database-url or quarkus")),
                Report.runDirectory(args, "startup"));
        args.rejectUnknown();
        return options;
    }

    boolean sync() {
        return !only.equals("tokener");
    }

    boolean tokener() {
        return !only.equals("sync");
    }
}
