package io.tempo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service really does, read from the service rather than restated in the test: the HTTP port and the
 * configuration it reads ({@code application.properties}), its health endpoints (Quarkus SmallRye Health defaults,
 * checked against the pom and the properties that would move them) and its REST routes (the OpenAPI document its
 * build stores).
 */
record ServiceFacts(String module, Properties properties, String pom, List<Path> sources) {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern ENV_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern DEFAULT_EXPRESSION = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The operations an OpenAPI path item can hold. */
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

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

    /**
     * The SmallRye Health endpoints: liveness, readiness and startup, at the defaults (checked). They are Quarkus's
     * own routes, served beside the application's resources, so the OpenAPI document leaves them out (unless
     * quarkus.smallrye-health.openapi.included); the properties that would move them are refused instead.
     */
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

    /**
     * "VERB /path" of every route the service serves, from the OpenAPI document its own build wrote. Only the
     * service's resources are in it: the REST clients it uses to call Spotify are not.
     */
    Set<String> routes() {
        Path document = openApiDocument();
        try {
            return routes(JSON.readTree(document.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(document + " is not valid JSON", e);
        }
    }

    /** The operations of an OpenAPI document's paths; other keys of a path item (parameters, summary) are not. */
    static Set<String> routes(JsonNode document) {
        Set<String> routes = new LinkedHashSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (HTTP_METHODS.contains(key)) {
                routes.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    /** The JSON document Quarkus writes at build time to {@code quarkus.smallrye-openapi.store-schema-directory}. */
    Path openApiDocument() {
        String fileName = properties.getProperty("quarkus.smallrye-openapi.store-schema-file-name", "openapi");
        Path document = Repo.module(module).resolve(required("quarkus.smallrye-openapi.store-schema-directory"))
                .resolve(fileName + ".json");
        if (!Files.isRegularFile(document)) {
            throw new AssertionError(document + " does not exist: " + module + "'s build writes it; build the "
                    + "service before the deploy tests, e.g. ./mvnw -pl deploy -am verify");
        }
        return document;
    }
}
