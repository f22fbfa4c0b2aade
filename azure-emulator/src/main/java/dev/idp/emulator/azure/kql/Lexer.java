package dev.idp.emulator.azure.kql;

import java.util.ArrayList;
import java.util.List;

/**
 * KQL's tokens: identifiers, string literals ({@code '...'} and {@code "..."} with backslash escapes, verbatim
 * {@code @'...'}), numbers, and the operators the supported subset uses.
 */
final class Lexer {

    private static final List<String> SYMBOLS =
            List.of("==", "!=", "=~", "!~", "<=", ">=", "|", "(", ")", ",", "[", "]", ".", "=", "<", ">", "~", "!");

    private Lexer() {}

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                i = string(text, i, c, false, tokens);
            } else if (c == '@' && i + 1 < text.length() && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                i = string(text, i + 1, text.charAt(i + 1), true, tokens);
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, text.substring(start, i), start + 1));
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i))
                                || text.charAt(i) == '_'
                                || text.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.IDENTIFIER, text.substring(start, i), start + 1));
            } else {
                String symbol = null;
                for (String s : SYMBOLS) {
                    if (text.startsWith(s, i)) {
                        symbol = s;
                        break;
                    }
                }
                if (symbol == null) {
                    throw new KqlException("unexpected character '" + c + "'", i + 1);
                }
                tokens.add(new Token(Token.Kind.SYMBOL, symbol, i + 1));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Token.Kind.END, "", text.length() + 1));
        return tokens;
    }

    private static int string(String text, int start, char quote, boolean verbatim, List<Token> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote && verbatim && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                value.append(quote); // a verbatim literal doubles its quote
                i += 2;
                continue;
            }
            if (c == quote) {
                tokens.add(new Token(Token.Kind.STRING, value.toString(), start + 1));
                return i + 1;
            }
            if (c == '\\' && !verbatim) {
                if (i + 1 >= text.length()) {
                    break;
                }
                char next = text.charAt(i + 1);
                value.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> next;
                        });
                i += 2;
            } else if (c == '\n') {
                throw new KqlException("a string literal cannot span lines", i + 1);
            } else {
                value.append(c);
                i++;
            }
        }
        throw new KqlException("unterminated string literal", start + 1);
    }
}
