package io.tempo.bench.tokener;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A tokener build under test: its packaged application and the JVM options it runs with. */
record TokenerBuild(String label, Path app, List<String> javaOptions) {

    /** The label as a file name, for the build's logs. */
    String slug() {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
