package dev.eddy.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.flink.sql.parser.ddl.SqlAddJar;
import org.apache.flink.sql.parser.ddl.SqlAlterCatalog;
import org.apache.flink.sql.parser.ddl.SqlCreateCatalog;
import org.apache.flink.sql.parser.ddl.SqlCreateFunction;
import org.apache.flink.sql.parser.ddl.SqlRemoveJar;
import org.apache.flink.sql.parser.ddl.SqlSet;
import org.apache.flink.sql.parser.ddl.SqlTableOption;
import org.apache.flink.sql.parser.ddl.SqlUseModules;
import org.apache.flink.sql.parser.dql.SqlLoadModule;
import org.apache.flink.sql.parser.dql.SqlUnloadModule;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImpl;
import org.apache.flink.sql.parser.validate.FlinkSqlConformance;
import org.springframework.stereotype.Component;

/**
 * Governed SQL: each statement a developer or viewer sends is parsed with Flink's own parser and
 * checked before it reaches the gateway. A refusal names the rule and what to do instead.
 * Admins are not limited: they own JARs, catalogs and raw connection options.
 */
@Component
public class SqlPolicy {
    private static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(FlinkSqlParserImpl.FACTORY)
            .withConformance(FlinkSqlConformance.DEFAULT)
            .withLex(Lex.JAVA)
            .withIdentifierMaxLength(256);
    /** Looked for in text the parser could not read: Flink refuses such text too, but never let it slip by. */
    private static final Pattern RISKY_TEXT = Pattern.compile(
            "(?is)\\b(ADD|REMOVE)\\s+JAR\\b|\\bUSING\\s+JAR\\b|\\bLOAD\\s+MODULE\\b|\\bCREATE\\s+CATALOG\\b"
                    + "|pipeline\\.(jars|classpaths)|'connector'\\s*=\\s*'(filesystem|legacy-csv)'");
    private final PolicyProperties rules;
    private final AuditLog audit;

    @org.springframework.beans.factory.annotation.Autowired
    public SqlPolicy(PolicyProperties rules, AuditLog audit) {
        this.rules = rules;
        this.audit = audit;
    }

    /** The rules alone, for checks that are not recorded. */
    public SqlPolicy(PolicyProperties rules) {
        this(rules, null);
    }

    /**
     * Refuses the statement for the acting user, if the policy does. Eddy's own statements (no user
     * acting: start-up, background work) are not limited; every user's path is guarded before this.
     */
    public void require(String statement) {
        CurrentUser.get().flatMap(actor -> refusal(actor, statement)).ifPresent(why -> {
            refused("Statement refused by the SQL policy", statement, why);
        });
    }

    /** Refuses job or session settings the acting user may not change. */
    public void requireSettings(Map<String, String> settings) {
        CurrentUser.get().flatMap(actor -> settingsRefusal(actor, settings)).ifPresent(why -> {
            refused("Settings refused by the SQL policy", String.join(", ", settings.keySet()), why);
        });
    }

    private void refused(String action, String target, String why) {
        if (audit != null) {
            audit.record(action, target, AuditEntry.Outcome.REFUSED, why);
        }
        throw new AccessRefusedException(why);
    }

    /** Why {@code actor} may not run {@code statement}, or empty when they may. */
    public Optional<String> refusal(Actor actor, String statement) {
        if (actor.may(Role.ADMIN)) {
            return Optional.empty();
        }
        SqlNode node;
        try {
            // Flink's SQL Client sends each statement with its closing semicolon, which parseStmt refuses.
            node = SqlParser.create(statement.strip().replaceAll(";+$", ""), PARSER).parseStmt();
        } catch (SqlParseException | RuntimeException e) {
            // Flink will say what is wrong with the syntax; only text that looks like an escape is stopped here.
            return RISKY_TEXT.matcher(statement).find()
                    ? Optional.of("Eddy could not read this statement to check it, and it names something only admins "
                            + "may use (JARs, modules, catalogs, file connectors or class paths). Fix the syntax, or "
                            + "ask an admin.")
                    : Optional.empty();
        }
        return refusal(node);
    }

    /** Why a non-admin may not use these job or session settings, or empty when they may. */
    public Optional<String> settingsRefusal(Actor actor, Map<String, String> settings) {
        if (actor.may(Role.ADMIN)) {
            return Optional.empty();
        }
        return settings.keySet().stream().filter(k -> !developersMaySet(k)).findFirst().map(this::settingRefusal);
    }

    /** Eddy's own keys (eddy.*) carry what Eddy decided about the user, so they are never the user's to set. */
    private boolean developersMaySet(String key) {
        return !key.toLowerCase(Locale.ROOT).startsWith("eddy.") && PolicyProperties.matches(rules.settings(), key);
    }

    private Optional<String> refusal(SqlNode node) {
        if (node instanceof SqlAddJar || node instanceof SqlRemoveJar) {
            return Optional.of("Only admins add or remove JARs: code in a JAR runs inside Eddy and the cluster. Ask an "
                    + "admin to add the JAR and create the function for you.");
        }
        if (node instanceof SqlCreateFunction f && !f.getResourceInfos().isEmpty()) {
            return Optional.of("Only admins create functions from a JAR (USING JAR): its code runs inside Eddy and the "
                    + "cluster. Ask an admin to create the function for you.");
        }
        if (node instanceof SqlCreateCatalog || node instanceof SqlAlterCatalog) {
            return Optional.of("Only admins create or change catalogs: a catalog names an address and credentials. "
                    + "Ask an admin, or create tables in the eddy catalog through an integration.");
        }
        if (node instanceof SqlLoadModule || node instanceof SqlUnloadModule || node instanceof SqlUseModules) {
            return Optional.of("Only admins load, unload or choose modules: they change every function of the session.");
        }
        if (node instanceof SqlSet set && set.getKey() != null && !developersMaySet(set.getKeyString())) {
            return Optional.of(settingRefusal(set.getKeyString()));
        }
        List<Map.Entry<String, String>> options = new ArrayList<>();
        List<SqlHint> hints = new ArrayList<>();
        collect(node, options, hints);
        for (SqlHint hint : hints) {
            if (hint.getName().equalsIgnoreCase("OPTIONS")) {
                for (String key : hint.getOptionKVPairs().keySet()) {
                    Optional<String> bad = optionRefusal(key, "a table hint (/*+ OPTIONS(…) */)");
                    if (bad.isPresent()) {
                        return bad;
                    }
                    if (key.equals("connector")) {
                        return Optional.of("A table hint cannot change a table's connector. Create a table with the "
                                + "connector you need instead.");
                    }
                }
            }
        }
        Optional<String> connector = options.stream().filter(e -> e.getKey().equals("connector"))
                .map(Map.Entry::getValue).findFirst();
        if (connector.isPresent() && !rules.connectors().contains(connector.get().toLowerCase(Locale.ROOT))) {
            return Optional.of("The connector '" + connector.get() + "' is not allowed here. Developers use "
                    + String.join(", ", rules.connectors()) + " (eddy.policy.connectors); ask an admin if you need "
                    + "another one.");
        }
        for (Map.Entry<String, String> option : options) {
            Optional<String> bad = optionRefusal(option.getKey(), "a table");
            if (bad.isPresent()) {
                return bad;
            }
        }
        if (connector.isPresent() && rules.integrationConnectors().contains(connector.get().toLowerCase(Locale.ROOT))
                && options.stream().noneMatch(e -> e.getKey().equals("eddy.integration"))) {
            return Optional.of("A " + connector.get() + " table names its service through an integration: add "
                    + "'eddy.integration' = '<name>' (see the Integrations page), or use the Tables page's wizard.");
        }
        return Optional.empty();
    }

    private Optional<String> optionRefusal(String key, String where) {
        if (PolicyProperties.matches(rules.tableOptions(), key) || !PolicyProperties.matches(rules.connectionOptions(), key)) {
            return Optional.empty();
        }
        return Optional.of("'" + key + "' names an address or a credential, which only admins write into " + where
                + ". Use 'eddy.integration' = '<name>' so Eddy adds the connection for you.");
    }

    private String settingRefusal(String key) {
        return "'" + key + "' is not a setting developers may change (eddy.policy.settings lists those they may: "
                + String.join(", ", rules.settings()) + "). Ask an admin if the job needs it.";
    }

    /** Every table option and hint anywhere in the statement, nested queries and statement sets too. */
    private static void collect(SqlNode node, List<Map.Entry<String, String>> options, List<SqlHint> hints) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlTableOption option) {
            options.add(Map.entry(option.getKeyString(), option.getValueString()));
            return;
        }
        if (node instanceof SqlHint hint) {
            hints.add(hint);
            return;
        }
        if (node instanceof SqlNodeList list) {
            list.forEach(child -> collect(child, options, hints));
        } else if (node instanceof SqlCall call) {
            List<SqlNode> operands;
            try {
                operands = call.getOperandList();
            } catch (UnsupportedOperationException e) {
                return;
            }
            for (SqlNode child : operands) {
                collect(child, options, hints);
            }
        }
    }
}
