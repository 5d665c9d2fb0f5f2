package io.docmap.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The database and how to reach it, read from {@code DOCMAP_DB_*}: the one place every database connection takes its
 * address, credentials and security from. The services' reactive pool and JDBC URL come from it
 * ({@link DatabaseConfigSourceFactory}); the dispatcher's Flyway, its document counts and its leader lock use that URL;
 * the admin tool ({@code check}, {@code migrate}) builds its URL here too. Each setting is used or refused, never
 * ignored: a bad value stops the start with a message that names it.
 */
public record DatabaseSettings(
        String host,
        int port,
        String name,
        String user,
        String password,
        Tls tls,
        Optional<Path> ca,
        Optional<Path> serverPublicKey,
        boolean publicKeyRetrieval) {

    public static final String HOST = "DOCMAP_DB_HOST";
    public static final String PORT = "DOCMAP_DB_PORT";
    public static final String NAME = "DOCMAP_DB_NAME";
    public static final String USER = "DOCMAP_DB_USER";
    public static final String PASSWORD = "DOCMAP_DB_PASSWORD";
    public static final String TLS = "DOCMAP_DB_TLS";
    public static final String TLS_CA = "DOCMAP_DB_TLS_CA";
    public static final String SERVER_PUBLIC_KEY = "DOCMAP_DB_SERVER_PUBLIC_KEY";
    public static final String PUBLIC_KEY_RETRIEVAL = "DOCMAP_DB_PUBLIC_KEY_RETRIEVAL";

    /** Every variable it reads. */
    public static final List<String> VARIABLES =
            List.of(HOST, PORT, NAME, USER, PASSWORD, TLS, TLS_CA, SERVER_PUBLIC_KEY, PUBLIC_KEY_RETRIEVAL);

    /** The prefix of the settings it gives the services ({@link DatabaseConfigSourceFactory}). */
    public static final String SERVICE_PREFIX = "docmap.db.";

    /** How a connection is secured, in the MySQL clients' terms; each client gets its own name for the same mode. */
    public enum Tls {
        /** Unencrypted. */
        OFF("disable", "disabled"),
        /** Encrypted; the server's certificate is not checked. */
        REQUIRED("trust", "required"),
        /** Encrypted; the server's certificate is signed by a CA of {@code DOCMAP_DB_TLS_CA}. */
        VERIFY_CA("verify-ca", "verify-ca"),
        /** As {@link #VERIFY_CA}, and the certificate names {@code DOCMAP_DB_HOST}. */
        VERIFY_FULL("verify-full", "verify-identity");

        private final String jdbc;
        private final String reactive;

        Tls(String jdbc, String reactive) {
            this.jdbc = jdbc;
            this.reactive = reactive;
        }

        public String setting() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        boolean verifies() {
            return this == VERIFY_CA || this == VERIFY_FULL;
        }

        static Tls of(String value) {
            for (Tls tls : values()) {
                if (tls.setting().equalsIgnoreCase(value.strip())) {
                    return tls;
                }
            }
            throw new IllegalArgumentException(
                    TLS + "=" + value + " is not a mode: give off, required, verify-ca or verify-full");
        }
    }

    /** The settings that {@code env} holds (an absent name, or a blank value, takes its default). */
    public static DatabaseSettings from(Function<String, String> env) {
        Function<String, Optional<String>> given =
                key -> Optional.ofNullable(env.apply(key)).filter(v -> !v.isBlank());
        Tls tls = given.apply(TLS).map(Tls::of).orElse(Tls.OFF);
        Optional<Path> ca = given.apply(TLS_CA).map(path -> readable(TLS_CA, path));
        if (tls.verifies() && ca.isEmpty()) {
            throw new IllegalArgumentException(
                    TLS + "=" + tls.setting() + " checks the server's certificate against " + TLS_CA
                            + ": give the PEM file of the CA that signed it (a managed database publishes its bundle)");
        }
        if (!tls.verifies() && ca.isPresent()) {
            throw new IllegalArgumentException(
                    TLS_CA + " is only read with " + TLS + "=verify-ca or verify-full; it is " + tls.setting());
        }
        return new DatabaseSettings(
                given.apply(HOST).orElse("127.0.0.1"),
                given.apply(PORT).map(DatabaseSettings::port).orElse(3306),
                given.apply(NAME).orElse("docmap"),
                given.apply(USER).orElse("docmap"),
                given.apply(PASSWORD).orElse("docmap"),
                tls,
                ca,
                given.apply(SERVER_PUBLIC_KEY).map(path -> readable(SERVER_PUBLIC_KEY, path)),
                given.apply(PUBLIC_KEY_RETRIEVAL).map(DatabaseSettings::yesOrNo).orElse(false));
    }

    /** The JDBC URL of Flyway, the leader lock and the admin tool, with every security option in it. */
    public String jdbcUrl() {
        StringJoiner options = new StringJoiner("&", "?", "").setEmptyValue("");
        if (tls != Tls.OFF) {
            options.add("sslMode=" + tls.jdbc);
        }
        ca.ifPresent(path -> options.add("serverSslCert=" + path));
        serverPublicKey.ifPresent(path -> options.add("serverRsaPublicKeyFile=" + path));
        if (publicKeyRetrieval) {
            options.add("allowPublicKeyRetrieval=true");
        }
        return "jdbc:mariadb://" + host + ":" + port + "/" + name + options;
    }

    /**
     * The reactive pool's TLS, under docmap's names ({@code docmap.db.*}), which docmap-pipeline.properties hands to
     * Quarkus's {@code quarkus.datasource.reactive.*}. It needs no public key option: over an unencrypted connection,
     * MySQL 8's {@code caching_sha2_password} has it ask the server for its key.
     */
    public Map<String, String> reactiveTls() {
        Map<String, String> pool = new LinkedHashMap<>();
        pool.put("docmap.db.ssl-mode", tls.reactive);
        pool.put("docmap.db.trust-all", String.valueOf(tls == Tls.REQUIRED));
        pool.put("docmap.db.trust-ca", String.valueOf(ca.isPresent()));
        ca.ifPresent(path -> pool.put("docmap.db.ca", path.toString()));
        pool.put("docmap.db.hostname-verification", tls == Tls.VERIFY_FULL ? "HTTPS" : "NONE");
        return pool;
    }

    /** The reactive pool's URL. */
    public String reactiveUrl() {
        return "mysql://" + host + ":" + port + "/" + name;
    }

    /** Where the settings point, with no secret in it: for logs and error messages. */
    @Override
    public String toString() {
        return host + ":" + port + "/" + name + " as " + user + " (TLS " + tls.setting() + ")";
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PORT + "=" + value + " is not a port (1 to 65535)");
    }

    private static Path readable(String setting, String value) {
        Path path = Path.of(value.strip());
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(setting + "=" + value + " is not a readable file");
        }
        return path.toAbsolutePath();
    }

    private static boolean yesOrNo(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(PUBLIC_KEY_RETRIEVAL + "=" + value + " is not true or false");
        };
    }
}
