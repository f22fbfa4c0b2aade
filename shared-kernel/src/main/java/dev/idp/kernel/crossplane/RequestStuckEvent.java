package dev.idp.kernel.crossplane;

import dev.idp.kernel.ids.RequestId;
import dev.idp.kernel.ids.ResourceId;
import java.time.Duration;
import org.axonframework.serialization.Revision;

/**
 * A request has not finished within its bound: {@code step} is where it waits ({@code APPLY}, {@code READY},
 * {@code DELETE}), {@code detail} what the cluster last said. The saga keeps trying; this is for people to look.
 */
@Revision("1")
public record RequestStuckEvent(
        ResourceId resourceId, RequestId requestId, String step, Duration after, String detail) {}
