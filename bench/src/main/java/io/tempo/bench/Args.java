package io.tempo.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --key value} and {@code --flag} options; an unknown or unused option is an error, not a silent default. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new HashSet<>();

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

    public String string(String key, String fallback) {
        used.add(key);
        return values.getOrDefault(key, fallback);
    }

    public String required(String key) {
        used.add(key);
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    public int integer(String key, int fallback) {
        return Integer.parseInt(string(key, Integer.toString(fallback)));
    }

    public long number(String key, long fallback) {
        return Long.parseLong(string(key, Long.toString(fallback)));
    }

    public double decimal(String key, double fallback) {
        return Double.parseDouble(string(key, Double.toString(fallback)));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key, "false"));
    }

    public List<Integer> integers(String key, String fallback) {
        List<Integer> out = new ArrayList<>();
        for (String part : string(key, fallback).split(",")) {
            if (!part.isBlank()) {
                out.add(Integer.parseInt(part.trim()));
            }
        }
        return out;
    }

    /** Repeated {@code KEY=VALUE} pairs separated by commas, e.g. service environment overrides. */
    public Map<String, String> pairs(String key) {
        Map<String, String> out = new HashMap<>();
        String raw = string(key, "");
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

    /** Fails on options nobody asked for: a typo must not run a different benchmark than the one intended. */
    public void rejectUnknown() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown);
        }
    }
}
