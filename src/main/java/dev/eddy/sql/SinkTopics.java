package dev.eddy.sql;

import dev.eddy.gateway.GatewayException;
import dev.eddy.gateway.StatementResult;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.TopicPlace;
import dev.eddy.integration.TopicService;
import dev.eddy.query.SqlConsole;
import dev.eddy.query.StatementCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Before an INSERT runs: does every Kafka topic it writes exist? A broker that does not create
 * topics on first write (as most managed Kafka services) fails Flink's sink only after its metadata
 * wait, three times, minutes in all; here it is said at once, in words, with the topic to create.
 */
@Component
public class SinkTopics implements StatementCheck {
    private static final Logger log = LoggerFactory.getLogger(SinkTopics.class);
    private static final Pattern OPTION = Pattern.compile("'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'");
    private final IntegrationService integrations;
    private final TopicService topics;

    public SinkTopics(IntegrationService integrations, TopicService topics) {
        this.integrations = integrations;
        this.topics = topics;
    }

    @Override
    public Optional<GatewayException> check(SqlConsole console, String statement) {
        try {
            return missing(statement, ddl -> console.collect(ddl, 1)).map(e -> e);
        } catch (RuntimeException e) {
            // A check that cannot be made must not stop the statement: Flink says what it says.
            log.debug("Could not check the topics of a statement: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The first topic the statement writes that does not exist; {@code run} runs a statement (SHOW
     * CREATE TABLE) where the statement's tables are known. Anything that cannot be checked passes.
     */
    public Optional<MissingTopicException> missing(String statement, Function<String, StatementResult> run) {
        for (List<String> target : SyntaxChecker.insertTargets(statement)) {
            String name = target.stream().map(p -> "`" + p.replace("`", "``") + "`").collect(Collectors.joining("."));
            Map<String, String> options;
            try {
                StatementResult ddl = run.apply("SHOW CREATE TABLE " + name);
                options = options(ddl.rows().isEmpty() ? "" : String.valueOf(ddl.rows().get(0).fields().get(0)));
            } catch (GatewayException e) {
                continue; // An unknown table: Flink says so itself when the statement runs.
            }
            Optional<MissingTopicException> missing = missingTopic(String.join(".", target), options);
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }

    private Optional<MissingTopicException> missingTopic(String table, Map<String, String> options) {
        String connector = options.getOrDefault("connector", "");
        String topic = options.get("topic");
        if (!(connector.equals("kafka") || connector.equals("upsert-kafka")) || topic == null || topic.contains(";")) {
            return Optional.empty();
        }
        TopicPlace place = TopicPlace.ofTable(options);
        if (place == null) {
            return Optional.empty();
        }
        try {
            if (topics.exists(place, topic).orElse(true)) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            log.debug("Could not check topic {} of {}: {}", topic, table, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new MissingTopicException(table, topic, place, similar(place, topic)));
    }

    /** Topics of the integration whose names are close to the one asked for (a typo). */
    private List<String> similar(TopicPlace place, String topic) {
        if (place.integration() == null) {
            return List.of();
        }
        try {
            List<String> close = new ArrayList<>();
            integrations.metadata(place.integration()).topics().forEach(t -> {
                if (ErrorHints.distance(t.name().toLowerCase(Locale.ROOT), topic.toLowerCase(Locale.ROOT)) <= 2) {
                    close.add(t.name());
                }
            });
            return close.stream().limit(3).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The WITH options of a CREATE TABLE as SHOW CREATE TABLE prints it. */
    static Map<String, String> options(String ddl) {
        int with = ddl.lastIndexOf("WITH (");
        Map<String, String> options = new HashMap<>();
        if (with < 0) {
            return options;
        }
        Matcher m = OPTION.matcher(ddl.substring(with));
        while (m.find()) {
            options.put(m.group(1).replace("''", "'"), m.group(2).replace("''", "'"));
        }
        return options;
    }
}
