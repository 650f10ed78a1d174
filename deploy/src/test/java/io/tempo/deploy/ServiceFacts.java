package io.tempo.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service really does, read from its sources rather than restated in the test: the HTTP port and the
 * configuration it reads ({@code application.properties}), its health endpoints (Quarkus SmallRye Health defaults,
 * checked against the pom and the properties that would move them) and its REST routes (JAX-RS annotations).
 */
record ServiceFacts(String module, Properties properties, String pom, List<Path> sources) {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern ENV_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern DEFAULT_EXPRESSION = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]*)}");
    private static final Pattern PATH_ANNOTATION = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
    private static final Pattern VERB_ANNOTATION = Pattern.compile("@(GET|POST|PUT|DELETE|PATCH)\\b");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|interface|record)\\s+\\w+");
    private static final Pattern METHOD_DECLARATION =
            Pattern.compile("^\\s*(public\\s+|protected\\s+)?[\\w<>\\[\\], ?]+\\s+\\w+\\s*\\(");

    /** The properties that would move the health endpoints away from the defaults this class assumes. */
    private static final List<String> HEALTH_PATH_KEYS = List.of("quarkus.http.root-path",
            "quarkus.http.non-application-root-path", "quarkus.smallrye-health.root-path",
            "quarkus.smallrye-health.liveness-path", "quarkus.smallrye-health.readiness-path",
            "quarkus.smallrye-health.startup-path", "quarkus.rest.path");

    static ServiceFacts of(String module) {
        Path dir = Repo.module(module);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("src/main/resources/application.properties"));
             Stream<Path> files = Files.walk(dir.resolve("src/main/java"))) {
            properties.load(reader);
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            return new ServiceFacts(module, properties, Files.readString(dir.resolve("pom.xml")), sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code quarkus.http.port}, resolving a {@code ${PORT:3000}} default; Quarkus' 8080 when unset. */
    int httpPort() {
        String port = properties.getProperty("quarkus.http.port");
        return port == null ? 8080 : Integer.parseInt(defaultOf(port));
    }

    /** The value a property has when none of the environment variables it references is set. */
    String defaultOf(String value) {
        String resolved = value;
        for (Matcher m = DEFAULT_EXPRESSION.matcher(resolved); m.find(); m = DEFAULT_EXPRESSION.matcher(resolved)) {
            resolved = resolved.substring(0, m.start()) + m.group(1) + resolved.substring(m.end());
        }
        return resolved.strip();
    }

    /** A duration property's default, in Quarkus' short form ("5m", "30s") or ISO-8601. */
    Duration durationDefault(String key) {
        String value = defaultOf(required(key)).toUpperCase();
        return Duration.parse(value.startsWith("P") ? value : "PT" + value);
    }

    String required(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new AssertionError(module + " has no property " + key);
        }
        return value;
    }

    /** The SmallRye Health endpoints: liveness, readiness and startup, at the defaults (checked). */
    Set<String> healthPaths() {
        if (!pom.contains("<artifactId>quarkus-smallrye-health</artifactId>")) {
            throw new AssertionError(module + " has no quarkus-smallrye-health: it serves no /q/health endpoints");
        }
        for (String key : HEALTH_PATH_KEYS) {
            if (properties.containsKey(key)) {
                throw new AssertionError(module + " sets " + key + ": teach ServiceFacts.healthPaths() about it");
            }
        }
        return Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    }

    /**
     * Every environment variable the service reads: those application.properties references as {@code ${NAME...}},
     * and those its {@code config} package names in string literals (a config source reading DATABASE_URL, say).
     */
    Set<String> environmentVariables() {
        Set<String> names = new TreeSet<>();
        for (String value : properties.stringPropertyNames().stream().map(properties::getProperty).toList()) {
            ENV_REFERENCE.matcher(value).results().forEach(m -> names.add(m.group(1)));
        }
        for (Path source : sources) {
            if (source.toString().contains("/config/")) {
                try {
                    ENV_LITERAL.matcher(Files.readString(source)).results().forEach(m -> names.add(m.group(1)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return names;
    }

    /** The value of an {@code int} constant declared in the sources ({@code static final int NAME = 42;}). */
    int intConstant(String name) {
        Pattern declaration = Pattern.compile("static final int " + name + "\\s*=\\s*(\\d+)\\s*;");
        for (Path source : sources) {
            try {
                Matcher m = declaration.matcher(Files.readString(source));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError(module + " declares no int constant " + name);
    }

    /** "VERB /path" of every server route (JAX-RS resources; REST client interfaces are left out). */
    Set<String> routes() {
        Set<String> routes = new LinkedHashSet<>();
        for (Path source : sources) {
            try {
                routes.addAll(routes(Files.readString(source)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return routes;
    }

    /** The routes one source file declares; a small reader of JAX-RS annotations, not a Java parser. */
    static Set<String> routes(String source) {
        Set<String> routes = new LinkedHashSet<>();
        if (source.contains("@RegisterRestClient")) {
            return routes;
        }
        String classPath = null;
        boolean inType = false;
        String verb = null;
        String methodPath = "";
        for (String line : source.split("\n")) {
            String trimmed = line.strip();
            Matcher path = PATH_ANNOTATION.matcher(trimmed);
            Matcher verbMatch = VERB_ANNOTATION.matcher(trimmed);
            if (!inType) {
                if (trimmed.startsWith("@Path") && path.find()) {
                    classPath = path.group(1);
                }
                inType = !trimmed.startsWith("@") && !trimmed.startsWith("*") && !trimmed.startsWith("/")
                        && TYPE_DECLARATION.matcher(trimmed).find();
                continue;
            }
            if (trimmed.startsWith("@Path") && path.find()) {
                methodPath = path.group(1);
            } else if (trimmed.startsWith("@") && verbMatch.lookingAt()) {
                verb = verbMatch.group(1);
            } else if (!trimmed.startsWith("@") && METHOD_DECLARATION.matcher(line).find()) {
                if (verb != null && classPath != null) {
                    routes.add(verb + " " + join(classPath, methodPath));
                }
                verb = null;
                methodPath = "";
            }
        }
        return routes;
    }

    private static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
