package io.tempo.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value} and {@code --flag} options; an unknown or unused option is an error, not a silent default.
 * Every option is read with its default and its help text together, so {@code --help} lists exactly the options
 * a command reads, in the order it reads them, and can never drift from the defaults in force.
 */
public final class Args {

    /** Synopses up to this long are aligned in {@link #usage()}. */
    private static final int ALIGNED = 32;

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Map<String, Option> help = new LinkedHashMap<>();

    /** What {@code --help} says of one option: {@code --key default} and what it does. */
    private record Option(String synopsis, String text) {
    }

    public Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + arg);
            }
            String key = arg.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                values.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(key, args[++i]);
            } else {
                values.put(key, "true");
            }
        }
    }

    public String string(String key, String fallback, String text) {
        describe(key, fallback.isEmpty() ? " VALUE" : " " + fallback, text);
        return values.getOrDefault(key, fallback);
    }

    public int integer(String key, int fallback, String text) {
        return Integer.parseInt(string(key, Integer.toString(fallback), text));
    }

    /** A cap that is off unless given ({@link Integer#MAX_VALUE}). */
    public int limit(String key, String text) {
        describe(key, " N", text + " (default: no limit)");
        String value = values.get(key);
        return value == null ? Integer.MAX_VALUE : Integer.parseInt(value);
    }

    public long number(String key, long fallback, String text) {
        return Long.parseLong(string(key, Long.toString(fallback), text));
    }

    public double decimal(String key, double fallback, String text) {
        return Double.parseDouble(string(key, Double.toString(fallback), text));
    }

    public boolean flag(String key, String text) {
        describe(key, "", text);
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    public List<Integer> integers(String key, String fallback, String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : string(key, fallback, text).split(",")) {
            if (!part.isBlank()) {
                out.add(Integer.parseInt(part.trim()));
            }
        }
        return out;
    }

    /** Words separated by white space, e.g. JVM options; none by default. */
    public List<String> words(String key, String text) {
        String raw = string(key, "", text);
        return raw.isBlank() ? List.of() : List.of(raw.trim().split("\\s+"));
    }

    /** Repeated {@code KEY=VALUE} pairs separated by commas, e.g. service environment overrides. */
    public Map<String, String> pairs(String key, String text) {
        Map<String, String> out = new HashMap<>();
        String raw = string(key, "", text);
        if (!raw.isBlank()) {
            Arrays.stream(raw.split(",")).forEach(pair -> {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--" + key + " expects KEY=VALUE[,KEY=VALUE], got " + pair);
                }
                out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            });
        }
        return out;
    }

    /**
     * Ends the reading of options: fails on options nobody asked for (a typo must not run a different benchmark
     * than the one intended), and stops with the list of options when {@code --help} was given.
     */
    public void rejectUnknown() {
        if (values.containsKey("help")) {
            throw new HelpRequested(usage());
        }
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown);
        }
    }

    /**
     * One line per option read so far: {@code --key default  what it does}, aligned; an option whose default is too
     * long to align (a path) has its text on the next line instead of pushing every other text to the right.
     */
    public String usage() {
        int width = help.values().stream().mapToInt(o -> o.synopsis().length()).filter(n -> n <= ALIGNED)
                .max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Option option : help.values()) {
            String synopsis = option.synopsis();
            String gap = synopsis.length() <= width ? " ".repeat(width - synopsis.length() + 2)
                    : "\n" + " ".repeat(width + 4);
            out.append("  ").append(synopsis).append(gap).append(option.text()).append('\n');
        }
        return out.toString();
    }

    private void describe(String key, String shownDefault, String text) {
        used.add(key);
        help.putIfAbsent(key, new Option("--" + key + shownDefault, text));
    }

    /** {@code --help} was given: not a failure, the caller prints {@link #getMessage()} and stops. */
    public static final class HelpRequested extends RuntimeException {

        HelpRequested(String usage) {
            super(usage, null, false, false);
        }
    }
}
