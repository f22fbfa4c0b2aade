package dev.idp.query.accounts;

import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;

/**
 * The read model's processors, one per copy: pooled streaming processors with one segment, so that events apply in
 * the order they were stored (a change of the control plane's availability re-classifies every account, which must not
 * race with the accounts' own events), in batches of 500 per transaction.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ReadModelProcessors {

    static final int BATCH_SIZE = 500;

    @Bean
    ConfigurerModule readModelProcessorsModule() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : List.of(AccountProjectorA.GROUP, AccountProjectorB.GROUP)) {
                processing.registerPooledStreamingEventProcessor(
                        group, Configuration::eventStore, (config, builder) -> builder.initialSegmentCount(1)
                                .batchSize(BATCH_SIZE));
            }
        });
    }
}
