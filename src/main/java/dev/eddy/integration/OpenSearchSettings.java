package dev.eddy.integration;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The settings and secrets of an OpenSearch integration, by name, and the index pattern's rules. */
public final class OpenSearchSettings {
    /** The node's or the cluster's HTTP address: {@code https://search.example.com:9200}. */
    public static final String URL = "url";
    /** Where log records go; {@code {yyyy.MM.dd}} (any date pattern in braces) is the record's day, in UTC. */
    public static final String INDEX = "index";
    /** The least severe level shipped: INFO, WARN or ERROR. */
    public static final String LEVEL = "level";
    /** The user Eddy writes as (basic authentication), and its password, a secret; none for a node without security. */
    public static final String USER = Credentials.WRITE_USER;
    public static final String PASSWORD = Credentials.WRITE_PASSWORD;
    public static final String DEFAULT_INDEX = "eddy-logs-{yyyy.MM.dd}";
    public static final List<String> LEVELS = List.of("INFO", "WARN", "ERROR");
    private static final Pattern DATE = Pattern.compile("\\{([^{}]+)}");
    /** OpenSearch's own rule for index names, with the date part taken out first. */
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,199}");

    private OpenSearchSettings() {}

    /** host:port, for a quick look at whether the server can be reached at all. */
    static String address(Integration i) {
        URI uri = uri(i.setting(URL));
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** The URL as a URI without its trailing slash. */
    static URI uri(String url) {
        String u = url == null ? "" : url.strip();
        return URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    /** Why the URL cannot be the node's address, in words; null when it can. */
    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "The URL of OpenSearch is needed, e.g. https://search.example.com:9200";
        }
        try {
            URI uri = uri(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                return "The URL of OpenSearch starts with http:// or https://, e.g. https://search.example.com:9200";
            }
            if (uri.getHost() == null) {
                return "The URL of OpenSearch needs a host, e.g. https://search.example.com:9200";
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                return "Give the user and password in their own fields, not in the URL";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "The URL of OpenSearch is not a URL (" + e.getMessage() + "), e.g. https://search.example.com:9200";
        }
    }

    /** Every problem of an index pattern, in words; empty when OpenSearch takes the names it makes. */
    public static List<String> indexProblems(String pattern) {
        List<String> problems = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            problems.add("An index name is needed, e.g. " + DEFAULT_INDEX);
            return problems;
        }
        Matcher m = DATE.matcher(pattern);
        while (m.find()) {
            try {
                DateTimeFormatter.ofPattern(m.group(1), Locale.ROOT);
            } catch (IllegalArgumentException e) {
                problems.add("{" + m.group(1) + "} is not a date pattern; use letters like {yyyy.MM.dd} or {yyyy.MM}");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        String today = index(pattern, Instant.now());
        if (!INDEX_NAME.matcher(today).matches()) {
            problems.add("'" + today + "' cannot be an OpenSearch index: lower case letters, digits and . _ - + only, "
                    + "starting with a letter or digit, e.g. " + DEFAULT_INDEX);
        }
        return problems;
    }

    /** The index a record of {@code at} goes to. */
    public static String index(String pattern, Instant at) {
        Matcher m = DATE.matcher(pattern);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String date = DateTimeFormatter.ofPattern(m.group(1), Locale.ROOT).withZone(ZoneOffset.UTC).format(at);
            m.appendReplacement(b, Matcher.quoteReplacement(date));
        }
        m.appendTail(b);
        return b.toString();
    }
}
