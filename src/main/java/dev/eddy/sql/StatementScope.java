package dev.eddy.sql;

import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.AS;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.COMMA;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.DOT;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.FROM;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.INTO;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.JOIN;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.LPAREN;
import static org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants.TABLE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tables a statement reads or writes, by the names and aliases it gives them. */
record StatementScope(Map<String, SessionObjects.Table> byName, List<SessionObjects.Table> tables) {

    static StatementScope of(List<SqlToken> tokens, SessionObjects session) {
        Map<String, SessionObjects.Table> byName = new LinkedHashMap<>();
        List<SessionObjects.Table> tables = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (!(t.is(FROM) || t.is(JOIN) || t.is(INTO) || t.is(TABLE) && i > 0 && tokens.get(i - 1).is(LPAREN))) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size()) {
                List<String> name = new ArrayList<>();
                while (j < tokens.size() && SqlCompleter.isName(tokens.get(j))) {
                    name.add(tokens.get(j).unquoted());
                    if (j + 1 < tokens.size() && tokens.get(j + 1).is(DOT)) {
                        j += 2;
                    } else {
                        j++;
                        break;
                    }
                }
                if (name.isEmpty()) {
                    break;
                }
                Optional<SessionObjects.Table> table = find(name, session);
                if (j < tokens.size() && tokens.get(j).is(AS)) {
                    j++;
                }
                String alias = j < tokens.size() && SqlCompleter.isName(tokens.get(j))
                        && !FlinkVocabulary.get().isReserved(tokens.get(j).image()) ? tokens.get(j).unquoted() : null;
                if (alias != null) {
                    j++;
                }
                if (table.isPresent()) {
                    tables.add(table.get());
                    byName.putIfAbsent(name.get(name.size() - 1), table.get());
                    if (alias != null) {
                        byName.put(alias, table.get());
                    }
                }
                if (j < tokens.size() && tokens.get(j).is(COMMA) && t.is(FROM)) {
                    j++;
                } else {
                    break;
                }
            }
        }
        return new StatementScope(byName, tables);
    }

    Optional<SessionObjects.Table> resolve(String nameOrAlias) {
        SessionObjects.Table exact = byName.get(nameOrAlias);
        if (exact != null) {
            return Optional.of(exact);
        }
        return byName.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(nameOrAlias))
                .map(Map.Entry::getValue).findFirst();
    }

    private static Optional<SessionObjects.Table> find(List<String> name, SessionObjects session) {
        String catalog = name.size() >= 3 ? name.get(name.size() - 3) : session.currentCatalog();
        String database = name.size() >= 2 ? name.get(name.size() - 2) : session.currentDatabase();
        String table = name.get(name.size() - 1);
        Optional<SessionObjects.Table> exact = session.tables().stream()
                .filter(t -> t.catalog().equals(catalog) && t.database().equals(database) && t.name().equals(table))
                .findFirst();
        return exact.isPresent() ? exact : session.tables().stream()
                .filter(t -> t.name().equalsIgnoreCase(table)).findFirst();
    }
}
