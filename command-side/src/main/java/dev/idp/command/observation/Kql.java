package dev.idp.command.observation;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Values into KQL, safely. Resource Graph's REST body has no query parameters, so every value the service puts into a
 * query is first checked against what Azure allows for it and then quoted as a KQL string literal with its quote and
 * backslash escaped; control characters are refused outright. A hostile value therefore stays one literal: it can
 * neither end the string nor add an operator.
 */
final class Kql {

    private static final Pattern SUBSCRIPTION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Azure's resource group names: letters, digits, underscores, hyphens, periods, parentheses; no final period. */
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_().-]{0,89}[\\p{L}\\p{N}_()-]");
    /** Tag names as the platform writes them (Azure forbids {@code < > % & \ ? /}; we are stricter). */
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private Kql() {}

    /** A string literal: {@code 'it\'s'}. */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException("a control character cannot go into a Resource Graph query");
            }
            if (c == '\'' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }

    static String subscriptionId(String value) {
        return checked(value, SUBSCRIPTION_ID, "subscription ID");
    }

    static String resourceGroup(String value) {
        return checked(value, RESOURCE_GROUP, "resource group");
    }

    static String tagName(String value) {
        return checked(value, TAG_NAME, "tag name");
    }

    /** {@code ('a', 'b')} for {@code in~}. */
    static String list(Collection<String> literals) {
        return literals.stream().collect(Collectors.joining(", ", "(", ")"));
    }

    private static String checked(String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + " for a Resource Graph query: " + value);
        }
        return literal(value);
    }
}
