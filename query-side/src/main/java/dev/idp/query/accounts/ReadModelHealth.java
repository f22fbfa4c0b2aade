package dev.idp.query.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/** The read model's part of the platform's health: LIVE or REBUILDING, and how many events the answering copy trails. */
@Component
public class ReadModelHealth {

    private final ReadModelCopies copies;
    private final ProcessorPositions positions;

    ReadModelHealth(ReadModelCopies copies, ProcessorPositions positions) {
        this.copies = copies;
        this.positions = positions;
    }

    public Map<String, Object> projections() {
        Map<String, Object> row = copies.status();
        char active = row.get("active_copy").toString().charAt(0);
        long head = positions.head();
        OptionalLong position = positions.position(ReadModelCopies.group(active));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", row.get("status"));
        answer.put("lag", Math.max(0, head - (position.isPresent() ? position.getAsLong() : 0)));
        answer.put("position", position.isPresent() ? position.getAsLong() : 0);
        answer.put("headPosition", head);
        return answer;
    }
}
