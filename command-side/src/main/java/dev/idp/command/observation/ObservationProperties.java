package dev.idp.command.observation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How Azure is observed ({@code idp.observation.*}); the scope itself is {@code idp.azure.subscriptions} and
 * {@code idp.azure.resource-groups}.
 *
 * @param interval how often a scheduled sweep starts (one instance starts it; every instance may work on it)
 * @param scheduled whether sweeps start on the interval at all (on-demand sweeps always work)
 * @param armReadBudget targeted ARM reads a shard may spend per sweep (confirmations and disappearances); what is left
 *     over waits for the next sweep
 * @param claimGrace how long after its request a requested account may be missing from Resource Graph before an ARM
 *     read asks whether Azure has it
 * @param shardLease how long a shard stays with the instance working on it without a sign of life
 * @param workerPoll how often each instance looks for a shard to work on
 * @param commandsInFlight observation commands sent concurrently by one shard
 */
@ConfigurationProperties("idp.observation")
public record ObservationProperties(
        Duration interval,
        Boolean scheduled,
        Integer armReadBudget,
        Duration claimGrace,
        Duration shardLease,
        Duration workerPoll,
        Integer commandsInFlight) {

    @ConstructorBinding
    public ObservationProperties {
        interval = positive(interval, Duration.ofMinutes(5), "interval");
        scheduled = scheduled == null || scheduled;
        armReadBudget = armReadBudget == null ? 100 : armReadBudget;
        if (armReadBudget < 0) {
            throw new IllegalArgumentException("idp.observation.arm-read-budget cannot be negative");
        }
        claimGrace = claimGrace == null ? Duration.ofMinutes(2) : claimGrace;
        shardLease = positive(shardLease, Duration.ofMinutes(2), "shard-lease");
        workerPoll = positive(workerPoll, Duration.ofSeconds(1), "worker-poll");
        commandsInFlight = commandsInFlight == null ? 64 : commandsInFlight;
        if (commandsInFlight < 1) {
            throw new IllegalArgumentException("idp.observation.commands-in-flight must be at least 1");
        }
    }

    public static ObservationProperties defaults() {
        return new ObservationProperties(null, null, null, null, null, null, null);
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("idp.observation." + name + " must be positive");
        }
        return d;
    }
}
