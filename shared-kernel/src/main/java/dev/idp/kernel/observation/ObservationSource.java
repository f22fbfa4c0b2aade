package dev.idp.kernel.observation;

/** Where an observation of Azure came from: the inventory (lags ARM by seconds to minutes) or a targeted ARM read. */
public enum ObservationSource {
    RESOURCE_GRAPH,
    ARM
}
