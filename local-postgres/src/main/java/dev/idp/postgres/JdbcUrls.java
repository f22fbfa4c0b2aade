package dev.idp.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Takes {@code jdbc:postgresql:} URLs apart without connecting. */
final class JdbcUrls {

    private JdbcUrls() {}

    /**
     * The same URL naming {@code database} instead: {@code jdbc:postgresql://h1:5432,h2/app?ssl=true} becomes {@code
     * jdbc:postgresql://h1:5432,h2/<database>?ssl=true}; {@code jdbc:postgresql:app} becomes {@code
     * jdbc:postgresql:<database>}.
     */
    static String withDatabase(String url, String database) {
        String rest = url.substring(PostgresOptions.JDBC_PREFIX.length());
        int queryStart = rest.indexOf('?');
        String query = queryStart >= 0 ? rest.substring(queryStart) : "";
        String location = queryStart >= 0 ? rest.substring(0, queryStart) : rest;
        if (location.startsWith("//")) {
            int slash = location.indexOf('/', 2);
            String hosts = slash >= 0 ? location.substring(0, slash) : location;
            return PostgresOptions.JDBC_PREFIX + hosts + "/" + database + query;
        }
        return PostgresOptions.JDBC_PREFIX + database + query;
    }

    /** The decoded value of query parameter {@code name}, if the URL has it. */
    static Optional<String> parameter(String url, String name) {
        int queryStart = url.indexOf('?');
        if (queryStart < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(queryStart + 1).split("&")) {
            int equals = pair.indexOf('=');
            String key = equals >= 0 ? pair.substring(0, equals) : pair;
            if (key.equals(name)) {
                return Optional.of(
                        equals >= 0 ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "");
            }
        }
        return Optional.empty();
    }

    /** The URL with the value of any {@code password} parameter replaced by {@code ***}, for messages and logs. */
    static String masked(String url) {
        return url.replaceAll("([?&]password=)[^&]*", "$1***");
    }
}
