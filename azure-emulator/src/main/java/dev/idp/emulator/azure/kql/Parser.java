package dev.idp.emulator.azure.kql;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over the supported subset:
 *
 * <pre>
 * query      := 'Resources' ('|' stage)*
 * stage      := 'where' expr | 'project' column (',' column)* | ('order' | 'sort') 'by' sort (',' sort)*
 *             | ('limit' | 'take') NUMBER
 * column     := IDENT '=' expr | expr
 * sort       := expr ('asc' | 'desc')?
 * expr       := and ('or' and)*
 * and        := comparison ('and' comparison)*
 * comparison := primary (OP primary | ('in' | 'in~' | '!in' | '!in~') '(' expr (',' expr)* ')')?
 * primary    := STRING | NUMBER | 'true' | 'false' | 'null' | '(' expr ')' | IDENT '(' args ')' | path
 * path       := IDENT ('.' IDENT | '[' STRING ']')*
 * </pre>
 *
 * Anything else is refused with the position where it went wrong.
 */
final class Parser {

    private static final Set<String> COMPARISONS =
            Set.of("contains", "!contains", "has", "!has", "startswith", "endswith");
    private static final Set<String> FUNCTIONS =
            Set.of("tostring", "tolower", "toupper", "isempty", "isnotempty", "isnull", "isnotnull", "not");

    private final List<Token> tokens;
    private int at;

    Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    Query query() {
        Token table = next();
        if (!table.isWord("Resources")) {
            throw error("only the Resources table is supported, not '" + table.text() + "'", table);
        }
        List<Query.Stage> stages = new ArrayList<>();
        while (peek().isSymbol("|")) {
            next();
            stages.add(stage());
        }
        if (peek().kind() != Token.Kind.END) {
            throw error("unexpected '" + peek().text() + "'", peek());
        }
        return new Query(stages);
    }

    private Query.Stage stage() {
        Token operator = next();
        if (operator.isWord("where")) {
            return new Query.Where(expression());
        }
        if (operator.isWord("project")) {
            List<Query.Column> columns = new ArrayList<>();
            do {
                columns.add(column());
            } while (accept(","));
            return new Query.Project(columns);
        }
        if (operator.isWord("order") || operator.isWord("sort")) {
            Token by = next();
            if (!by.isWord("by")) {
                throw error("expected 'by'", by);
            }
            List<Query.Sort> keys = new ArrayList<>();
            do {
                Expression key = expression();
                boolean descending = true; // KQL's default
                if (peek().isWord("asc")) {
                    next();
                    descending = false;
                } else if (peek().isWord("desc")) {
                    next();
                }
                keys.add(new Query.Sort(key, descending));
            } while (accept(","));
            return new Query.Order(keys);
        }
        if (operator.isWord("limit") || operator.isWord("take")) {
            Token count = next();
            if (count.kind() != Token.Kind.NUMBER || count.text().contains(".")) {
                throw error("expected a whole number", count);
            }
            return new Query.Limit(Long.parseLong(count.text()));
        }
        throw error("the operator '" + operator.text() + "' is not supported here", operator);
    }

    private Query.Column column() {
        Token first = peek();
        if (first.kind() == Token.Kind.IDENTIFIER
                && tokens.get(at + 1).isSymbol("=")
                && !tokens.get(at + 1).isSymbol("==")) {
            next();
            next();
            return new Query.Column(first.text(), expression());
        }
        Expression value = expression();
        return new Query.Column(value.defaultName(), value);
    }

    private Expression expression() {
        Expression left = and();
        while (peek().isWord("or")) {
            next();
            left = new Expression.Logical(false, left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = comparison();
        while (peek().isWord("and")) {
            next();
            left = new Expression.Logical(true, left, comparison());
        }
        return left;
    }

    private Expression comparison() {
        Expression left = primary();
        Token op = peek();
        if (op.kind() == Token.Kind.SYMBOL
                && Set.of("==", "!=", "=~", "!~", "<", ">", "<=", ">=").contains(op.text())) {
            next();
            return new Expression.Comparison(op.text(), left, primary());
        }
        boolean negated = false;
        if (op.isSymbol("!") && tokens.get(at + 1).kind() == Token.Kind.IDENTIFIER) {
            negated = true;
            next();
            op = peek();
        }
        if (op.kind() == Token.Kind.IDENTIFIER) {
            String word = op.text().toLowerCase(Locale.ROOT);
            if (word.equals("in")) {
                next();
                boolean ignoreCase = accept("~");
                return new Expression.In(left, list(), ignoreCase, negated);
            }
            if (COMPARISONS.contains((negated ? "!" : "") + word)) {
                next();
                return new Expression.Comparison((negated ? "!" : "") + word, left, primary());
            }
        }
        if (negated) {
            throw error("unexpected '!'", op);
        }
        return left;
    }

    private List<Expression> list() {
        expect("(");
        List<Expression> items = new ArrayList<>();
        do {
            items.add(primary());
        } while (accept(","));
        expect(")");
        return items;
    }

    private Expression primary() {
        Token token = next();
        switch (token.kind()) {
            case STRING:
                return new Expression.Literal(TextNode.valueOf(token.text()));
            case NUMBER:
                return new Expression.Literal(
                        token.text().contains(".")
                                ? DecimalNode.valueOf(new BigDecimal(token.text()))
                                : LongNode.valueOf(Long.parseLong(token.text())));
            case SYMBOL:
                if (token.isSymbol("(")) {
                    Expression inner = expression();
                    expect(")");
                    return inner;
                }
                throw error("unexpected '" + token.text() + "'", token);
            case IDENTIFIER:
                break;
            default:
                throw error("the query ends too early", token);
        }
        String word = token.text().toLowerCase(Locale.ROOT);
        if (word.equals("true") || word.equals("false")) {
            return new Expression.Literal(BooleanNode.valueOf(word.equals("true")));
        }
        if (word.equals("null")) {
            return new Expression.Literal(NullNode.getInstance());
        }
        if (peek().isSymbol("(")) {
            if (!FUNCTIONS.contains(word)) {
                throw error("the function '" + token.text() + "' is not supported", token);
            }
            next();
            List<Expression> arguments = new ArrayList<>();
            if (!peek().isSymbol(")")) {
                do {
                    arguments.add(expression());
                } while (accept(","));
            }
            expect(")");
            if (arguments.size() != 1) {
                throw error(token.text() + "() takes one argument", token);
            }
            return new Expression.Call(word, arguments);
        }
        List<String> segments = new ArrayList<>();
        segments.add(token.text());
        while (true) {
            if (accept(".")) {
                Token name = next();
                if (name.kind() != Token.Kind.IDENTIFIER) {
                    throw error("expected a property name", name);
                }
                segments.add(name.text());
            } else if (accept("[")) {
                Token key = next();
                if (key.kind() != Token.Kind.STRING) {
                    throw error("expected a quoted key", key);
                }
                segments.add(key.text());
                expect("]");
            } else {
                return new Expression.Path(segments);
            }
        }
    }

    private boolean accept(String symbol) {
        if (peek().isSymbol(symbol)) {
            next();
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        Token token = next();
        if (!token.isSymbol(symbol)) {
            throw error("expected '" + symbol + "'", token);
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token token = tokens.get(at);
        if (token.kind() != Token.Kind.END) {
            at++;
        }
        return token;
    }

    private static KqlException error(String message, Token token) {
        return new KqlException(message, token.position());
    }
}
