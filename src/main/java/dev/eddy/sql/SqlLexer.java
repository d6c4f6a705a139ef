package dev.eddy.sql;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImplConstants;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImplTokenManager;
import org.apache.flink.sql.parser.impl.SimpleCharStream;
import org.apache.flink.sql.parser.impl.Token;
import org.apache.flink.sql.parser.impl.TokenMgrError;

/**
 * Splits Flink SQL into tokens with Flink's own lexer (the one its parser uses), so strings,
 * back-quoted names and comments are read exactly as Flink reads them. Comments are skipped.
 */
public final class SqlLexer {
    /** Flink's lexer gives a lone quote of an unterminated string literal this kind. */
    public static final int LONE_QUOTE = kindOf("\"\\'\"");

    private SqlLexer() {}

    /**
     * The tokens of {@code text}. Text the lexer cannot read (an unterminated comment, a stray
     * character) ends the list there: callers work on incomplete SQL as people type it.
     */
    public static List<SqlToken> tokens(String text) {
        List<SqlToken> tokens = new ArrayList<>();
        LineStarts lines = new LineStarts(text);
        FlinkSqlParserImplTokenManager manager = new FlinkSqlParserImplTokenManager(new OneColumnTabs(text));
        // Flink SQL quotes identifiers with back-ticks: the parser switches its lexer the same way.
        manager.SwitchTo(FlinkSqlParserImplConstants.BTID);
        try {
            for (Token t = manager.getNextToken(); t.kind != FlinkSqlParserImplConstants.EOF; t = manager.getNextToken()) {
                int start = lines.offset(t.beginLine, t.beginColumn);
                int end = lines.offset(t.endLine, t.endColumn) + 1;
                tokens.add(new SqlToken(t.kind, t.image, start, end));
            }
        } catch (TokenMgrError e) {
            // Incomplete input: keep what was read.
        }
        return tokens;
    }

    private static int kindOf(String image) {
        String[] images = FlinkSqlParserImplConstants.tokenImage;
        for (int i = 0; i < images.length; i++) {
            if (images[i].equals(image)) {
                return i;
            }
        }
        throw new IllegalStateException("Flink's lexer has no token " + image);
    }

    /** Counts a tab as one column, so columns are character positions within a line. */
    private static final class OneColumnTabs extends SimpleCharStream {
        OneColumnTabs(String text) {
            super(new StringReader(text));
            setTabSize(1);
        }
    }
}
