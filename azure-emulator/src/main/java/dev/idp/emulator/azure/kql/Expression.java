package dev.idp.emulator.azure.kql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An expression of the supported KQL subset, evaluated on one row of the Resources table. */
sealed interface Expression {

    JsonNode evaluate(ObjectNode row);

    /** The column name a {@code project} gives it when none is written. */
    default String defaultName() {
        return "Column1";
    }

    record Literal(JsonNode value) implements Expression {
        public JsonNode evaluate(ObjectNode row) {
            return value;
        }
    }

    /** {@code properties.minimumTlsVersion}, {@code tags['idp-team']}, {@code tags.team}. */
    record Path(List<String> segments) implements Expression {
        public JsonNode evaluate(ObjectNode row) {
            JsonNode node = field(row, segments.get(0));
            for (int i = 1; i < segments.size() && node != null; i++) {
                node = node.isObject() ? field((ObjectNode) node, segments.get(i)) : null;
            }
            return node == null ? NullNode.getInstance() : node;
        }

        public String defaultName() {
            return String.join("_", segments);
        }

        /** Exact name first; property bags like tags are looked up ignoring case, as Resource Graph does for tags. */
        private static JsonNode field(ObjectNode object, String name) {
            JsonNode exact = object.get(name);
            if (exact != null) {
                return exact;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return null;
        }
    }

    record Call(String function, List<Expression> arguments) implements Expression {
        public JsonNode evaluate(ObjectNode row) {
            JsonNode value = arguments.isEmpty()
                    ? NullNode.getInstance()
                    : arguments.get(0).evaluate(row);
            return switch (function) {
                case "tostring" -> TextNode.valueOf(text(value));
                case "tolower" -> TextNode.valueOf(text(value).toLowerCase(Locale.ROOT));
                case "toupper" -> TextNode.valueOf(text(value).toUpperCase(Locale.ROOT));
                case "isempty" -> BooleanNode.valueOf(text(value).isEmpty());
                case "isnotempty" -> BooleanNode.valueOf(!text(value).isEmpty());
                case "isnull" -> BooleanNode.valueOf(value.isNull() || value.isMissingNode());
                case "isnotnull" -> BooleanNode.valueOf(!(value.isNull() || value.isMissingNode()));
                case "not" -> BooleanNode.valueOf(!value.asBoolean(false));
                default -> throw new IllegalStateException(function);
            };
        }

        public String defaultName() {
            return arguments.isEmpty()
                    ? function
                    : function + "_" + arguments.get(0).defaultName();
        }
    }

    record Logical(boolean and, Expression left, Expression right) implements Expression {
        public JsonNode evaluate(ObjectNode row) {
            boolean l = left.evaluate(row).asBoolean(false);
            return BooleanNode.valueOf(
                    and
                            ? l && right.evaluate(row).asBoolean(false)
                            : l || right.evaluate(row).asBoolean(false));
        }
    }

    record Comparison(String operator, Expression left, Expression right) implements Expression {
        public JsonNode evaluate(ObjectNode row) {
            JsonNode l = left.evaluate(row);
            JsonNode r = right.evaluate(row);
            String a = text(l);
            String b = text(r);
            boolean result =
                    switch (operator) {
                        case "==" -> equal(l, r, false);
                        case "!=" -> !equal(l, r, false);
                        case "=~" -> equal(l, r, true);
                        case "!~" -> !equal(l, r, true);
                        case "contains" -> a.toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT));
                        case "!contains" -> !a.toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT));
                        case "has" -> has(a, b);
                        case "!has" -> !has(a, b);
                        case "startswith" -> a.toLowerCase(Locale.ROOT).startsWith(b.toLowerCase(Locale.ROOT));
                        case "endswith" -> a.toLowerCase(Locale.ROOT).endsWith(b.toLowerCase(Locale.ROOT));
                        case "<", ">", "<=", ">=" -> order(l, r, operator);
                        default -> throw new IllegalStateException(operator);
                    };
            return BooleanNode.valueOf(result);
        }

        private static boolean equal(JsonNode l, JsonNode r, boolean ignoreCase) {
            if (l.isNumber() && r.isNumber()) {
                return l.decimalValue().compareTo(r.decimalValue()) == 0;
            }
            if (l.isBoolean() || r.isBoolean()) {
                return text(l).equalsIgnoreCase(text(r));
            }
            return ignoreCase ? text(l).equalsIgnoreCase(text(r)) : text(l).equals(text(r));
        }

        private static boolean has(String text, String term) {
            String t = text.toLowerCase(Locale.ROOT);
            String w = term.toLowerCase(Locale.ROOT);
            int at = t.indexOf(w);
            while (at >= 0) {
                boolean startOk = at == 0 || !Character.isLetterOrDigit(t.charAt(at - 1));
                int end = at + w.length();
                boolean endOk = end == t.length() || !Character.isLetterOrDigit(t.charAt(end));
                if (startOk && endOk) {
                    return true;
                }
                at = t.indexOf(w, at + 1);
            }
            return false;
        }

        private static boolean order(JsonNode l, JsonNode r, String operator) {
            int c = l.isNumber() && r.isNumber()
                    ? l.decimalValue().compareTo(r.decimalValue())
                    : text(l).compareTo(text(r));
            return switch (operator) {
                case "<" -> c < 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                default -> c >= 0;
            };
        }
    }

    record In(Expression value, List<Expression> candidates, boolean ignoreCase, boolean negated)
            implements Expression {
        public JsonNode evaluate(ObjectNode row) {
            String v = text(value.evaluate(row));
            boolean found = false;
            for (Expression candidate : candidates) {
                String c = text(candidate.evaluate(row));
                if (ignoreCase ? c.equalsIgnoreCase(v) : c.equals(v)) {
                    found = true;
                    break;
                }
            }
            return BooleanNode.valueOf(found != negated);
        }
    }

    /** KQL's string view of a value: null and missing are empty. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
