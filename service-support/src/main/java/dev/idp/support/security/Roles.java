package dev.idp.support.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract's roles and what each includes: an {@code operator} may do everything, an {@code auditor} everything a
 * {@code viewer} may.
 */
public final class Roles {

    public static final String PORTAL = "portal";
    public static final String VIEWER = "viewer";
    public static final String AUDITOR = "auditor";
    public static final String OPERATOR = "operator";

    private static final Map<String, List<String>> INCLUDES = Map.of(
            OPERATOR, List.of(PORTAL, AUDITOR, VIEWER),
            AUDITOR, List.of(VIEWER));

    private Roles() {}

    /** The roles a caller holding {@code granted} has, the included ones added. Unknown roles are kept as they are. */
    public static Set<String> effective(Iterable<String> granted) {
        Set<String> result = new LinkedHashSet<>();
        for (String role : granted) {
            result.add(role);
            result.addAll(INCLUDES.getOrDefault(role, List.of()));
        }
        return result;
    }
}
