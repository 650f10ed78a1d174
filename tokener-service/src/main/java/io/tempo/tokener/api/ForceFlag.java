package io.tempo.tokener.api;

import java.util.Locale;

/** Reads the {@code force} query parameter the way the Bun tokener's callers send it. */
final class ForceFlag {

    private static final int ECHOED_CHARS = 20;

    private ForceFlag() {
    }

    /** Absent, {@code 0}, {@code false} and {@code no} mean not forced; {@code 1}, {@code true}, {@code yes} do. */
    static boolean parse(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new InvalidRequestException(
                    "force must be 1, true or yes (or 0, false, no), not '" + echo(value) + "'");
        };
    }

    private static String echo(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= ECHOED_CHARS ? printable : printable.substring(0, ECHOED_CHARS) + "…";
    }
}
