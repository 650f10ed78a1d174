package io.tempo.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** GitHub's workflow schema, checked offline by {@code action-validator}, which the deploy build installs. */
final class ActionValidator {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ActionValidator() {
    }

    /** The validator's verdict on one workflow file: exit code 0 when valid, else the schema errors (on stderr). */
    static Command.Result validate(Path workflow) {
        Path cli = cli();
        return Command.run(TIMEOUT, "it needs Node.js (.ci/run installs it on CI)", List.of(cli.toString(),
                workflow.toString()));
    }

    private static Path cli() {
        String configured = System.getProperty("tempo.action-validator");
        if (configured == null || !Files.isExecutable(Path.of(configured))) {
            throw new AssertionError("action-validator is not installed (" + configured + "): the deploy module's "
                    + "build installs it with npm before the tests; run them through Maven, with npm on the PATH");
        }
        return Path.of(configured);
    }
}
