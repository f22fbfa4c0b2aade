package dev.idp.kernel.observation;

/**
 * What a sweep did: accounts listed by Resource Graph, Resource Graph queries and ARM reads sent, accounts whose
 * observation changed (each one event), accounts discovered, disappearances confirmed, throttled answers waited out.
 */
public record SweepStatistics(
        long accountsSeen,
        long resourceGraphQueries,
        long armReads,
        long changes,
        long discovered,
        long disappeared,
        long throttled) {

    public static final SweepStatistics NONE = new SweepStatistics(0, 0, 0, 0, 0, 0, 0);

    public SweepStatistics plus(SweepStatistics other) {
        return new SweepStatistics(
                accountsSeen + other.accountsSeen,
                resourceGraphQueries + other.resourceGraphQueries,
                armReads + other.armReads,
                changes + other.changes,
                discovered + other.discovered,
                disappeared + other.disappeared,
                throttled + other.throttled);
    }
}
