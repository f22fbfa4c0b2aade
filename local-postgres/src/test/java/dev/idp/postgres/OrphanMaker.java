package dev.idp.postgres;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LocalPostgresClusterTest}: starts a persistent cluster in {@code args[0]} and a
 * throwaway one, reports them, and waits to be killed with SIGKILL, so that both servers are left behind.
 */
public final class OrphanMaker {

    static final String REPORT = "ORPHAN ";
    static final String READY = "ORPHANS READY";

    private OrphanMaker() {}

    public static void main(String[] args) throws Exception {
        PostgresBinaries binaries = Sql.localBinaries();
        LocalPostgresCluster persistent = LocalPostgresCluster.start(binaries, Path.of(args[0]), 0);
        Sql.execute(persistent, "postgres", "create table orphan(note text)", "insert into orphan values ('kept')");
        LocalPostgresCluster throwaway = LocalPostgresCluster.start(binaries, null, 0);
        System.out.println(
                REPORT + "persistentPid=" + persistent.postmasterPid().orElseThrow());
        System.out.println(REPORT + "throwawayPid=" + throwaway.postmasterPid().orElseThrow());
        System.out.println(REPORT + "throwawayDirectory=" + throwaway.directory());
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
