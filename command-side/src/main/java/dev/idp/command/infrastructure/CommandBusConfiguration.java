package dev.idp.command.infrastructure;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Axon's command bus on a bounded pool, so that WebFlux's event loop only dispatches; and event handlers that fail
 * propagate, so their processor retries the batch with back-off instead of logging and skipping the event.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandBusProperties.class)
class CommandBusConfiguration {

    @Bean(destroyMethod = "shutdown")
    ExecutorService commandExecutor(CommandBusProperties properties) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(
                properties.threads(),
                properties.threads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()),
                runnable -> {
                    Thread thread = new Thread(runnable, "command-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    @Qualifier("localSegment")
    CommandBus commandBus(
            TransactionManager transactionManager,
            Configuration axonConfiguration,
            @Qualifier("commandExecutor") ExecutorService commandExecutor) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandExecutor)
                .transactionManager(transactionManager)
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
        return bus;
    }

    @Autowired
    void propagateHandlerFailures(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
