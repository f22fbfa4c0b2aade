package dev.idp.query.accounts;

import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Feeds copy {@code b} of the read model. */
@Component
@ProcessingGroup(AccountProjectorB.GROUP)
class AccountProjectorB extends AccountProjector {

    static final String GROUP = "account-read-model-b";

    AccountProjectorB(JdbcTemplate jdbc) {
        super(jdbc, 'b');
    }
}
