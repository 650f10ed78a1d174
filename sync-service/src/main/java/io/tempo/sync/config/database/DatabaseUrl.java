package io.tempo.sync.config.database;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A libpq-style connection URL ({@code postgres://} or {@code postgresql://user:pass@host:port/db?params}), the
 * form Supabase and most hosts hand out as {@code DATABASE_URL}, translated for the two drivers the service uses:
 * JDBC (Flyway) and the Vert.x reactive client (everything else).
 *
 * <p>User and password are percent-decoded and kept out of both URLs (they become the datasource username and
 * password), so a driver that echoes its URL in an error never shows them. The password never appears in
 * {@link #toString()} or in a parse error. Port defaults to 5432, the database to the user name (as libpq does).
 *
 * <p>Query parameters: {@code sslmode} goes to both drivers (Vert.x understands the libpq values itself; the
 * trust settings libpq implies are added by {@link DatasourceKeys}); {@code application_name} and {@code options}
 * go to both; {@code connect_timeout} becomes JDBC's {@code connectTimeout}; anything else ({@code sslrootcert},
 * {@code sslcert}, {@code tcpKeepAlive}...) is handed to JDBC only, which ignores what it does not know (the
 * reactive client would send unknown names to the server as startup settings, which fails the connection).
 */
public final class DatabaseUrl {

    static final int DEFAULT_PORT = 5432;

    /** The sslmode values of libpq, all of which pgJDBC and Vert.x accept. */
    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** Query parameters the reactive client can pass to the server as they are. */
    private static final Set<String> REACTIVE_PARAMETERS = Set.of("sslmode", "application_name", "options");

    /**
     * The ports transaction-mode poolers listen on: Supabase's pooler (Supavisor) in transaction mode, and PgBouncer's
     * default. Supabase's session-mode pooler and a direct connection use 5432.
     */
    static final Set<Integer> TRANSACTION_POOLER_PORTS = Set.of(6543, 6432);

    /** The URL parameter Supabase's and Prisma's connection strings use to say "a transaction-mode pooler". */
    static final String PGBOUNCER_PARAMETER = "pgbouncer";

    private final String host;
    private final int port;
    private final String database;
    private final String username;
    private final String password;
    private final Map<String, String> parameters;
    private final boolean transactionPooler;

    private DatabaseUrl(String host, int port, String database, String username, String password,
                        Map<String, String> parameters, boolean transactionPooler) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.username = username;
        this.password = password;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters)); // keeps the URL's order
        this.transactionPooler = transactionPooler;
    }

    /**
     * Parses a {@code postgres://} or {@code postgresql://} URL.
     *
     * @param variable the name of the setting the URL came from, used in error messages
     * @throws IllegalArgumentException naming {@code variable} and what is wrong, never echoing the URL (it holds
     *                                  the password)
     */
    public static DatabaseUrl parse(String url, String variable) {
        if (url == null || url.isBlank()) {
            throw invalid(variable, "it is empty");
        }
        String trimmed = url.strip();
        int schemeEnd = trimmed.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
            throw invalid(variable, "it must start with postgres:// or postgresql://");
        }
        String rest = trimmed.substring(schemeEnd + 3);

        String query = "";
        // The last '@' ends the user info, so an unencoded '@' or '/' in a password still parses.
        int at = rest.lastIndexOf('@');
        int queryStart = rest.indexOf('?', Math.max(at, 0));
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        String userInfo = at >= 0 ? rest.substring(0, at) : "";
        String hostAndPath = at >= 0 ? rest.substring(at + 1) : rest;

        String username = null;
        String password = null;
        if (!userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            username = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, variable, "user name");
            password = colon >= 0 ? decode(userInfo.substring(colon + 1), variable, "password") : null;
        }
        if (username == null || username.isEmpty()) {
            throw invalid(variable, "it has no user name (postgres://user:password@host:port/database)");
        }

        int slash = hostAndPath.indexOf('/');
        String hostPort = slash >= 0 ? hostAndPath.substring(0, slash) : hostAndPath;
        String path = slash >= 0 ? hostAndPath.substring(slash + 1) : "";

        String host;
        String portText = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid(variable, "its IPv6 host has no closing ']'");
            }
            host = hostPort.substring(0, close + 1);
            String afterHost = hostPort.substring(close + 1);
            if (afterHost.startsWith(":")) {
                portText = afterHost.substring(1);
            } else if (!afterHost.isEmpty()) {
                throw invalid(variable, "unexpected text after its IPv6 host");
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            portText = colon >= 0 ? hostPort.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw invalid(variable, "it has no host");
        }
        if (host.contains(",")) {
            throw invalid(variable, "several hosts are not supported");
        }
        if (!host.startsWith("[") && !host.matches("[A-Za-z0-9._-]+")) {
            throw invalid(variable, "its host is not a valid host name");
        }
        int port = DEFAULT_PORT;
        if (portText != null && !portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw invalid(variable, "its port is not a number");
            }
            if (port < 1 || port > 65535) {
                throw invalid(variable, "its port must be between 1 and 65535");
            }
        }

        String database = path.isEmpty() ? username : decode(path, variable, "database name");
        if (database.contains("/")) {
            throw invalid(variable, "its database name contains '/'");
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw invalid(variable, "its query parameter '" + safeName(pair, eq) + "' has no value");
                }
                String name = decode(pair.substring(0, eq), variable, "query parameter name");
                String value = decode(pair.substring(eq + 1), variable, "query parameter " + name);
                if (name.equalsIgnoreCase("password") || name.equalsIgnoreCase("user")) {
                    throw invalid(variable, "put the user name and password before the host, not in ?" + name.toLowerCase(Locale.ROOT) + "=");
                }
                parameters.put(name, value);
            }
        }
        String sslMode = parameters.get("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw invalid(variable, "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full");
        }
        // Said by the URL itself, or else guessed from the port; neither driver knows the parameter.
        String pgbouncer = parameters.remove(PGBOUNCER_PARAMETER);
        boolean pooler;
        if (pgbouncer == null) {
            pooler = TRANSACTION_POOLER_PORTS.contains(port);
        } else if (pgbouncer.equalsIgnoreCase("true") || pgbouncer.equals("1")) {
            pooler = true;
        } else if (pgbouncer.equalsIgnoreCase("false") || pgbouncer.equals("0")) {
            pooler = false;
        } else {
            throw invalid(variable, "pgbouncer must be true or false");
        }
        return new DatabaseUrl(host, port, database, username, password, parameters, pooler);
    }

    /**
     * The URL for pgJDBC (Flyway), without credentials. Behind a transaction-mode pooler JDBC prepares no named
     * statements ({@code prepareThreshold=0}): the next transaction may run on a server connection that already has
     * one of that name ("prepared statement S_1 already exists") or lacks it.
     */
    public String jdbcUrl() {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            String jdbcName = name.equals("connect_timeout") ? "connectTimeout"
                    : name.equals("application_name") ? "ApplicationName" : name;
            query.add(encode(jdbcName) + "=" + encode(value));
        });
        if (transactionPooler && !parameters.containsKey("prepareThreshold")) {
            query.add("prepareThreshold=0");
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database) + query;
    }

    /** The URL for the Vert.x reactive client, without credentials and with only the parameters it can pass on. */
    public String reactiveUrl() {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (REACTIVE_PARAMETERS.contains(name)) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        return "postgresql://" + host + ":" + port + "/" + encode(database) + query;
    }

    /** The same server and credentials with another database. */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, username, password, parameters, transactionPooler);
    }

    /** The same URL, saying explicitly whether a transaction-mode pooler stands in front of the server. */
    public DatabaseUrl withTransactionPooler(boolean pooler) {
        return new DatabaseUrl(host, port, database, username, password, parameters, pooler);
    }

    /**
     * Whether a transaction-mode pooler (Supabase's port 6543, PgBouncer) is in front of the server: consecutive
     * transactions of one client connection may then run on different server connections, so neither client may
     * keep prepared statements or other session state. From {@code ?pgbouncer=true|false}, else from the port.
     */
    public boolean transactionPooler() {
        return transactionPooler;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String username() {
        return username;
    }

    /** The decoded password, or null when the URL has none (e.g. trust or certificate authentication). */
    public String password() {
        return password;
    }

    /** The libpq sslmode, or null when the URL does not set one. */
    public String sslMode() {
        return parameters.get("sslmode");
    }

    /** The query parameters as given (decoded). */
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "postgresql://" + username + (password == null ? "" : ":***") + "@" + host + ":" + port + "/"
                + database + (parameters.isEmpty() ? "" : " " + parameters.keySet())
                + (transactionPooler ? " (transaction pooler)" : "");
    }

    private static IllegalArgumentException invalid(String variable, String reason) {
        return new IllegalArgumentException(variable + " is not a valid PostgreSQL URL: " + reason
                + ". Expected postgres://user:password@host:5432/database?sslmode=require"
                + " (percent-encode special characters in the user name and password)");
    }

    private static String safeName(String pair, int eq) {
        String name = eq < 0 ? pair : pair.substring(0, eq);
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }

    /** Percent-decoding as URLs define it: unlike form decoding, '+' stays a plus sign. */
    private static String decode(String text, String variable, String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw invalid(variable, "its " + part + " has an incomplete %-escape");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid(variable, "its " + part + " has an invalid %-escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                int next = text.indexOf('%', i);
                int end = next < 0 ? text.length() : next;
                byte[] bytes = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i = end - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
