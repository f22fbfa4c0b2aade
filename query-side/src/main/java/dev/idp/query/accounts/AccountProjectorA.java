package dev.idp.query.accounts;

import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Feeds copy {@code a} of the read model. */
@Component
@ProcessingGroup(AccountProjectorA.GROUP)
class AccountProjectorA extends AccountProjector {

    static final String GROUP = "account-read-model-a";

    AccountProjectorA(JdbcTemplate jdbc) {
        super(jdbc, 'a');
    }
}
