package dev.idp.command.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The command bus's pool: handlers run here, off the event loop. When every thread is busy and the queue is full, a
 * request is refused with 503 and {@code Retry-After} rather than queued without bound.
 *
 * @param threads handler threads; each holds one database connection while it runs, so keep it at or below the pool
 * @param queueCapacity commands waiting for a thread
 */
@ConfigurationProperties("idp.commands")
public record CommandBusProperties(int threads, int queueCapacity) {

    public CommandBusProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("idp.commands.threads must be at least 1");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("idp.commands.queue-capacity must be at least 1");
        }
    }
}
