package dev.idp.command.observation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObservationProperties.class)
class ObservationConfiguration {

    /** The scheduled sweep, on db-scheduler: one instance of the cluster starts it each interval. */
    @Bean
    @ConditionalOnProperty(name = "idp.observation.scheduled", havingValue = "true", matchIfMissing = true)
    RecurringTask<Void> scheduledObservationSweep(ObservationProperties properties, SweepCoordinator coordinator) {
        return Tasks.recurring("observation-sweep", FixedDelay.of(properties.interval()))
                .execute((instance, context) -> coordinator.startScheduled());
    }
}
