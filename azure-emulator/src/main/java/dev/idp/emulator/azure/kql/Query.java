package dev.idp.emulator.azure.kql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A parsed query: the {@code Resources} table and its pipeline of {@code where}, {@code project}, {@code order by}
 * and {@code limit}/{@code take}. {@link #run} applies it to the rows in scope.
 */
public final class Query {

    sealed interface Stage {}

    record Where(Expression condition) implements Stage {}

    record Column(String name, Expression value) {}

    record Project(List<Column> columns) implements Stage {}

    record Sort(Expression key, boolean descending) {}

    record Order(List<Sort> keys) implements Stage {}

    record Limit(long count) implements Stage {}

    private final List<Stage> stages;
    private final boolean ordered;

    Query(List<Stage> stages) {
        this.stages = List.copyOf(stages);
        this.ordered = stages.stream().anyMatch(s -> s instanceof Order);
    }

    /** Parses a query; {@link KqlException} for anything outside the subset. */
    public static Query parse(String text) {
        return new Parser(Lexer.tokens(text)).query();
    }

    /** Whether the query fixes an order itself; if not, the caller orders by {@code id} so that paging is stable. */
    public boolean ordered() {
        return ordered;
    }

    public List<ObjectNode> run(List<ObjectNode> rows) {
        List<ObjectNode> current = new ArrayList<>(rows);
        if (!ordered) {
            current.sort(Comparator.comparing(r -> Expression.text(r.get("id")).toLowerCase(java.util.Locale.ROOT)));
        }
        for (Stage stage : stages) {
            if (stage instanceof Where where) {
                current.removeIf(row -> !where.condition().evaluate(row).asBoolean(false));
            } else if (stage instanceof Project project) {
                List<ObjectNode> projected = new ArrayList<>(current.size());
                for (ObjectNode row : current) {
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    for (Column column : project.columns()) {
                        JsonNode value = column.value().evaluate(row);
                        out.set(column.name(), value.isMissingNode() ? null : value);
                    }
                    projected.add(out);
                }
                current = projected;
            } else if (stage instanceof Order order) {
                Comparator<ObjectNode> comparator = null;
                for (Sort sort : order.keys()) {
                    Comparator<ObjectNode> next = Comparator.comparing(
                            row -> Expression.text(sort.key().evaluate(row)));
                    if (sort.descending()) {
                        next = next.reversed();
                    }
                    comparator = comparator == null ? next : comparator.thenComparing(next);
                }
                current.sort(comparator);
            } else if (stage instanceof Limit limit) {
                if (current.size() > limit.count()) {
                    current = new ArrayList<>(current.subList(0, (int) limit.count()));
                }
            }
        }
        return current;
    }
}
