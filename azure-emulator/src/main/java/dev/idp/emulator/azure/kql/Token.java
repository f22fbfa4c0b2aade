package dev.idp.emulator.azure.kql;

/** A lexical token; {@code text} is the unescaped value for strings. */
record Token(Kind kind, String text, int position) {

    enum Kind {
        IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL,
        END
    }

    boolean is(Kind kind, String text) {
        return this.kind == kind && this.text.equalsIgnoreCase(text);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }
}
